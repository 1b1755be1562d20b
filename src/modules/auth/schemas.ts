import Type from 'typebox';
import { Me } from '../users/schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const SessionResponse = Type.Object({
  user: Me,
  csrfToken: Type.String({ description: 'Send it back as the x-csrf-token header on every change' }),
  timeZone: Type.String({
    description:
      "The company's IANA time zone (the business calendar's, e.g. Asia/Shanghai): the console shows every time in it, " +
      'as the SLA and callback clocks count in it',
  }),
});

export const SessionStateResponse = Type.Object({
  session: Type.Union([SessionResponse, Type.Null()], {
    description: 'The session as /api/auth/me gives it, or null when nobody is signed in on this browser',
  }),
});
