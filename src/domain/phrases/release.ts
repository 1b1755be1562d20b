/**
 * Releasing a falsely blocked reply (docs/product.md §2): in block mode the phrase guard refuses a
 * reply with a forbidden phrase; an agent who believes it a false block (对，没错 is not 对啊你错了)
 * asks a supervisor, who reads the held text and approves it (it goes out as written) or declines
 * it with a reason. A second pair of eyes is the point, so nobody decides their own request.
 */

export const RELEASE_STATUSES = ['pending', 'approved', 'declined'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export type ReleaseDecision = 'approve' | 'decline';

/**
 * Why the actor may not decide a request, or null when they may:
 * - `hidden`: they may not read its ticket (the request does not exist for them, a 404);
 * - `forbidden`: they do not supervise (supervisors oversee every team: tickets.supervise, as for
 *   transfers and the board);
 * - `own`: they asked for it themselves;
 * - `decided`: it was approved or declined already.
 */
export function releaseDecisionRefusal(
  request: { requestedBy: string; status: ReleaseStatus },
  actor: { id: string; readsTicket: boolean; supervises: boolean },
): 'hidden' | 'forbidden' | 'own' | 'decided' | null {
  if (!actor.readsTicket) return 'hidden';
  if (!actor.supervises) return 'forbidden';
  if (request.requestedBy === actor.id) return 'own';
  if (request.status !== 'pending') return 'decided';
  return null;
}
