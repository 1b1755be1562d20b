import type { CustomerReveal } from '../../components/CustomerPhone';
import type { TicketCode, TicketDetail } from '../../services/tickets';

/** What every part of a ticket's page needs: the ticket as read, and how to react to a change. */
export interface TicketContext {
  ticket: TicketDetail;
  /** read the ticket again (after a command) */
  reload(): void;
  /** the server said someone else changed it (409): show it, never overwrite */
  onStale(): void;
  codes: readonly TicketCode[];
  /** the customer revealed on this page (audited), shared by the card, the conversation, the timeline and the reply box */
  reveal: CustomerReveal;
  /** the customer's name as the page shows it everywhere: revealed, else masked as the server sent it */
  customerName: string | null;
}
