/**
 * The ticket use cases (docs/product.md §2), one file each under `use-cases/`. Each command runs in one
 * transaction (`inTransaction`): it locks the ticket and checks who may do it and that the caller
 * read the latest version (access.ts, first), asks the domain (domain/tickets/lifecycle.ts,
 * domain/sla/), changes the ticket and its clocks through the repository, and appends to the
 * timeline (timeline.ts). Nothing is ever edited in place on the timeline: every change is a new
 * entry (who, when, what, from → to). This file is the module's face for routes, jobs and other
 * modules.
 */
export type { TicketDeps } from './deps.js';
export { actionsOn, actionsOnLoaded, factsOf, revealGroundOf, ticketAccess, userOf, type UserActor } from './access.js';
export { addEvent, SYSTEM, ticketEventRow } from './timeline.js';
export { loadSettings } from './settings.js';
export { hashToken, newToken } from './tokens.js';
export { digitsOf, reopenRow, setStatus } from './use-cases/steps.js';
export { createTicket, openRoutedTicket, type CreateTicketInput, type NewTicket } from './use-cases/create.js';
export { recordContact, type ContactInput } from './use-cases/contact.js';
export { openCasesFor } from './use-cases/follow-up.js';
export { reply, type ReplyInput } from './use-cases/conversation.js';
export { changeStatus } from './use-cases/workflow.js';
export { bulkAssign, transfer, type BulkAssignItem } from './use-cases/ownership.js';
export { escalate, raisePriorityTo } from './use-cases/priority.js';
export { followExceptionStory } from './use-cases/exception-story.js';
export { answerDepartmentRequest, askDepartment } from './use-cases/departments.js';
export { callbackTime, closeTicket, reopen, resolve } from './use-cases/resolution.js';
export { completeCallback } from './use-cases/callbacks.js';
export { merge } from './use-cases/merge.js';
export { editTicket, type EditInput } from './use-cases/edit.js';
export { setDuty } from './use-cases/duty.js';
export { revealCustomer } from './use-cases/reveal.js';
export {
  byToken,
  CUSTOMER,
  customerCaseSettings,
  issueTicketLinks,
  LOW_RATING_THRESHOLD,
  lookupPublicTickets,
  openCustomerCase,
  openPublicTicket,
  publicReply,
  publicTicket,
  rateTicket,
  verifiedParties,
  type VerifiedParty,
} from './use-cases/self-service.js';
export { clocksOf, presentClock, stateOf } from './clocks.js';
export { decideRelease, requestRelease, type ReleaseRequestInput } from './use-cases/phrase-release.js';
export { customerTicketHistory } from './queries.js';
export { indexWords, queryWords } from './words.js';
