import { describe, expect, it } from 'vitest';
import { releaseDecisionRefusal, type ReleaseStatus } from './release.js';

describe('releaseDecisionRefusal: who decides a held reply', () => {
  const agent = 'agent-1';
  const supervisor = 'supervisor-1';
  it.each<{ case: string; by: string; status: ReleaseStatus; actor: string; reads: boolean; supervises: boolean; refusal: ReturnType<typeof releaseDecisionRefusal> }>([
    { case: 'a supervisor, another person’s pending request', by: agent, status: 'pending', actor: supervisor, reads: true, supervises: true, refusal: null },
    { case: 'the agent who wrote it', by: agent, status: 'pending', actor: agent, reads: true, supervises: false, refusal: 'forbidden' },
    { case: 'another agent', by: agent, status: 'pending', actor: 'agent-2', reads: true, supervises: false, refusal: 'forbidden' },
    { case: 'a supervisor’s own blocked reply', by: supervisor, status: 'pending', actor: supervisor, reads: true, supervises: true, refusal: 'own' },
    { case: 'already approved', by: agent, status: 'approved', actor: supervisor, reads: true, supervises: true, refusal: 'decided' },
    { case: 'already declined', by: agent, status: 'declined', actor: supervisor, reads: true, supervises: true, refusal: 'decided' },
    { case: 'someone who may not read the ticket', by: agent, status: 'pending', actor: 'dept-1', reads: false, supervises: false, refusal: 'hidden' },
  ])('$case → $refusal', ({ by, status, actor, reads, supervises, refusal }) => {
    expect(releaseDecisionRefusal({ requestedBy: by, status }, { id: actor, readsTicket: reads, supervises })).toBe(refusal);
  });
});
