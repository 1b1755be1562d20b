import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SurveyDeps {
  db: Kysely<DB>;
  /** where customers open the link (config PUBLIC_BASE_URL) */
  publicBaseUrl: string;
  /** the company's zone, for the closing date the SMS names */
  timeZone: string;
  now?: () => Date;
}

export const nowOf = (deps: SurveyDeps): Date => deps.now?.() ?? new Date();
