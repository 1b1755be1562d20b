import { createHash, randomBytes } from 'node:crypto';

/** A ticket's secret link for the customer: only its SHA-256 is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}
