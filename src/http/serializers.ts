/**
 * Response serializers kept by schema for every app this process builds. fast-json-stringify
 * compiles each route's response schemas into functions, ~1 s for all routes and most of an app's
 * start. The route schemas are the same objects for every app of a process (one in production; one
 * per test file in the tests, where compiling them again cost ~1 s a file), so each is compiled
 * once. The external schemas (ErrorResponse) are part of the key, should an app add others.
 */
import SerializerSelector, { type SerializerFactory, type Serializer } from '@fastify/fast-json-stringify-compiler';

const compiled = new WeakMap<object, Map<string, Serializer>>();

export const cachedSerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const external = JSON.stringify({ externalSchemas, options });
  return (route) => {
    const schema = route.schema;
    if (schema === null || typeof schema !== 'object') return compile(route);
    let byExternal = compiled.get(schema);
    if (!byExternal) compiled.set(schema, (byExternal = new Map()));
    let serialize = byExternal.get(external);
    if (!serialize) byExternal.set(external, (serialize = compile(route)));
    return serialize;
  };
};
