/** The claims module's use cases (one per file under use-cases/), for the routes and other modules. */
export type { ClaimDeps } from './deps.js';
export { openClaim, type OpenClaimInput } from './use-cases/open.js';
export { attachEvidence, requestEvidence, reviewEvidence } from './use-cases/evidence.js';
export { overrideProposal } from './use-cases/override.js';
export { decideClaim } from './use-cases/decide.js';
export { settleClaim } from './use-cases/settle.js';
export { reverseEntry } from './use-cases/reverse.js';
export { chargeBack, decideResponsibility } from './use-cases/responsibility.js';
export { approvalInbox, chargebacks, claimDetail, listClaims } from './use-cases/read.js';
export { chargebacksXlsx } from './use-cases/chargebacks-xlsx.js';
export { openClaimOnTicket, type ClaimOpener } from './use-cases/open.js';
export {
  acceptOffer,
  customerEvidenceStep,
  disputeClaim,
  lookupSelfServiceClaims,
  openSelfServiceClaim,
  selfServiceClaims,
  type SelfServiceClaimDeps,
} from './use-cases/self-service.js';
export { openClaimTypes } from './repository.js';
export { lossClaimOpener, type LossClaimDeps } from './use-cases/loss-claims.js';
export { customerClaims } from './use-cases/customer.js';
export { claimClockBoard } from './use-cases/clock-board.js';
export { processDueClaimClocks } from './clocks.js';
export { monthlyAccountCredits, type AccountCreditLine } from './use-cases/account-credits.js';
