/** A monthly account's statement (月结对账单): the credit notes of its claims in a month (docs/product.md §5). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from '../../http/schemas.js';
import { monthlyStatement } from './service.js';

const StatementParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), accountNo: Type.String({ minLength: 1, maxLength: 64, description: 'the monthly account number, one of the customer’s accounts' }) },
  { additionalProperties: false },
);
const StatementQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, the company’s time zone' }) }, { additionalProperties: false });
const Statement = Type.Object({
  customerId: Type.String(),
  accountNo: Type.String(),
  month: Type.String(),
  lines: Type.Array(
    Type.Object({
      entryId: Type.String(),
      kind: Type.Enum(['credit_note', 'reversal'], { description: 'a credit note of a settled claim, or the reversal of one' }),
      claimId: Type.String(),
      waybillNo: Type.String(),
      claimType: Type.String(),
      creditFen: Type.Integer({ description: 'credited to the account (+), or taken back by a reversal (−), in fen' }),
      reference: Type.String(),
      at: Type.String(),
      reversesEntryId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  totalCreditFen: Type.Integer({ description: 'the sum of the lines' }),
});

export const statementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/customers/:id/monthly-accounts/:accountNo/statement',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['customers'],
        summary: 'A monthly account’s statement for a month: the credit notes of its settled claims and their reversals, with the total',
        params: StatementParams,
        querystring: StatementQuery,
        response: { 200: Statement, ...errorResponses, 404: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => monthlyStatement({ db: app.db, timeZone: app.config.timeZone }, request.context(), request.params.id, request.params.accountNo, request.query.month),
  );
};
