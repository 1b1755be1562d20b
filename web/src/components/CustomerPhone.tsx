/**
 * A ticket's customer phone, masked (docs/product.md §5), with "显示姓名和号码" for whoever must call
 * the customer: the ticket's owner, the assignee of a pending callback, roles that see personal
 * data. The server decides who (`canRevealCustomer`) and audits every look; the number then shows
 * as a tel: link with a note that the view was recorded, and the page names the customer in full
 * wherever it names them (the ticket page's card, conversation, timeline and reply box).
 */
import { AuditOutlined, EyeInvisibleOutlined, EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { useRequestErrorHandler } from '../request-error';
import { revealTicketCustomer, type RevealedCustomer } from '../services/tickets';

export interface CustomerReveal {
  /** the customer unmasked, once revealed for this ticket */
  revealed: RevealedCustomer | null;
  revealing: boolean;
  reveal(): Promise<void>;
  hide(): void;
}

/** Reveal state for one ticket; what was revealed never carries over to another ticket. */
export function useCustomerReveal(ticketId: string): CustomerReveal {
  const handleError = useRequestErrorHandler();
  const [state, setState] = useState<{ ticketId: string; customer: RevealedCustomer } | null>(null);
  const [revealing, setRevealing] = useState(false);

  async function reveal() {
    setRevealing(true);
    try {
      setState({ ticketId, customer: await revealTicketCustomer(ticketId) });
    } catch (error) {
      // A refusal (403: the callback was done meanwhile) says why, in the user's language.
      handleError(error);
    } finally {
      setRevealing(false);
    }
  }

  return {
    revealed: state?.ticketId === ticketId ? state.customer : null,
    revealing,
    reveal,
    hide: () => setState(null),
  };
}

/**
 * Reveal state for the tickets of a list (the callbacks page), held by the page rather than by
 * each row: a number revealed on a row is the one the page's dialogs show, without a second reveal
 * (and a second audit entry).
 */
export function useCustomerReveals(): { of(ticketId: string): CustomerReveal } {
  const handleError = useRequestErrorHandler();
  const [revealed, setRevealed] = useState<ReadonlyMap<string, RevealedCustomer>>(() => new Map());
  const [revealing, setRevealing] = useState<ReadonlySet<string>>(() => new Set());

  async function reveal(ticketId: string) {
    setRevealing((current) => new Set(current).add(ticketId));
    try {
      const customer = await revealTicketCustomer(ticketId);
      setRevealed((current) => new Map(current).set(ticketId, customer));
    } catch (error) {
      // A refusal (403: the callback was done meanwhile) says why, in the user's language.
      handleError(error);
    } finally {
      setRevealing((current) => new Set([...current].filter((id) => id !== ticketId)));
    }
  }

  const hide = (ticketId: string) => setRevealed((current) => new Map([...current].filter(([id]) => id !== ticketId)));

  return {
    of: (ticketId) => ({
      revealed: revealed.get(ticketId) ?? null,
      revealing: revealing.has(ticketId),
      reveal: () => reveal(ticketId),
      hide: () => hide(ticketId),
    }),
  };
}

/** `tel:` wants the digits (and a leading +) only. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function CustomerPhone({
  masked,
  canReveal,
  state,
  size = 'default',
}: {
  /** the phone as the server sent it, masked */
  masked: string;
  canReveal: boolean;
  state: CustomerReveal;
  /** `small` for table cells */
  size?: 'small' | 'default';
}) {
  const t = useT();
  const fontSize = size === 'small' ? 12 : undefined;
  const phone = state.revealed?.customerPhone;

  if (phone) {
    return (
      <Flex vertical gap={0} data-testid="customer-phone">
        <Flex gap={4} align="center" wrap={false}>
          <PhoneOutlined />
          <Tooltip title={t('tickets.customer.call', { phone })}>
            <Typography.Link href={telHref(phone)} strong style={{ whiteSpace: 'nowrap' }} data-testid="customer-phone-tel">
              {phone}
            </Typography.Link>
          </Tooltip>
          <Tooltip title={t('tickets.customer.hideNumber')}>
            <Button
              type="text"
              size="small"
              icon={<EyeInvisibleOutlined />}
              onClick={state.hide}
              aria-label={t('tickets.customer.hideNumber')}
              data-testid="customer-phone-hide"
            />
          </Tooltip>
        </Flex>
        <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="customer-phone-recorded">
          <AuditOutlined /> {t('tickets.customer.revealRecorded')}
        </Typography.Text>
      </Flex>
    );
  }

  return (
    <Flex gap={4} align="center" wrap={false} data-testid="customer-phone">
      <Typography.Text type={size === 'small' ? 'secondary' : undefined} style={{ fontSize, whiteSpace: 'nowrap' }}>
        {masked}
      </Typography.Text>
      {canReveal && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={state.revealing}
          onClick={() => void state.reveal()}
          style={{ paddingInline: 4, fontSize: 12 }}
          data-testid="customer-phone-reveal"
        >
          {t('tickets.customer.showNumber')}
        </Button>
      )}
    </Flex>
  );
}
