/**
 * Sending a campaign: every customer of its audience with a phone gets an invitation with a
 * one-time link (only the link's SHA-256 is stored) and an SMS in the notification outbox (and an
 * e-mail with the same link where one of the customer's contacts has an address), all in
 * one transaction with the campaign marked sent; the dispatcher sends the SMS after the commit. The
 * campaign row is locked first, so two sends at once make one set of invitations and the other
 * gets 409 SURVEY_ALREADY_SENT.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { queueEmail } from '../../notifications/outbox.js';
import { hashToken, newToken } from '../../tickets/tokens.js';
import { mayManage, type UserActor } from '../access.js';
import { customerIdsOf, recipientsOf, segmentsOf } from '../audience.js';
import { nowOf, type SurveyDeps } from '../deps.js';
import * as repo from '../repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The SMS of an invitation (zh-CN: customers are written to in Chinese, like the exception notices). */
export function invitationSms(input: { title: string; url: string; closesOn: string }): string {
  return `您好！诚邀您参加“${input.title}”，您的意见将帮助我们改进服务：${input.url} （${input.closesOn}前有效，每个链接可提交一次）`;
}

/** The e-mail of an invitation: the same link as the SMS. */
export function invitationEmail(input: { name: string; title: string; url: string; closesOn: string }): string {
  return [
    `${input.name}：`,
    '',
    `您好！诚邀您参加“${input.title}”。您的意见将帮助我们改进服务。`,
    `请打开以下链接填写：${input.url}`,
    `链接${input.closesOn}前有效，只能提交一次；与短信中的链接为同一份邀请。`,
  ].join('\n');
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function sendCampaign(deps: SurveyDeps, actor: UserActor, campaignId: string) {
  mayManage(actor);
  return inTransaction(deps.db, async (trx) => {
    const campaign = await repo.lockCampaign(trx, campaignId);
    if (!campaign) throw new AppError('SURVEY_NOT_FOUND');
    if (campaign.sent_at) throw new AppError('SURVEY_ALREADY_SENT');
    const recipients = await recipientsOf(trx, await customerIdsOf(trx, campaign.audience));
    if (recipients.length === 0) throw new AppError('SURVEY_NO_RECIPIENTS');
    const segments = await segmentsOf(trx, recipients.map((r) => r.customerId));
    const sentAt = nowOf(deps);
    const closesAt = new Date(sentAt.getTime() + campaign.open_days * DAY_MS);
    const closesOn = localDate(closesAt, deps.timeZone);
    const links = recipients.map((r) => ({ recipient: r, token: newToken() }));
    await repo.insertInvitations(
      trx,
      links.map(({ recipient, token }) => ({
        campaign_id: campaign.id,
        customer_id: recipient.customerId,
        token_hash: hashToken(token),
        tier: recipient.tier,
        account_manager_id: recipient.accountManagerId,
        segment: segments.get(recipient.customerId) ?? null,
      })),
    );
    // The outbox row is the only place the link's token is written out: it is the message itself.
    for (let i = 0; i < links.length; i += 1000) {
      await trx
        .insertInto('notifications')
        .values(
          links.slice(i, i + 1000).map(({ recipient, token }) => ({
            shipment_id: null,
            exception_id: null,
            channel: 'sms',
            recipient: recipient.phone,
            locale: 'zh-CN',
            template: 'survey.invitation',
            body: invitationSms({ title: campaign.title, url: `${deps.publicBaseUrl}/survey/${token}`, closesOn }),
          })),
        )
        .execute();
    }
    // The same link by e-mail to a customer whose contact has an address (the link stays one answer).
    for (const { recipient, token } of links) {
      if (!recipient.email) continue;
      await queueEmail(trx, {
        recipient: recipient.email,
        locale: 'zh-CN',
        template: 'survey.invitation',
        subject: `诚邀参加“${campaign.title}”`,
        body: invitationEmail({ name: recipient.name, title: campaign.title, url: `${deps.publicBaseUrl}/survey/${token}`, closesOn }),
      });
    }
    await repo.markSent(trx, campaign.id, sentAt, closesAt);
    return { invited: links.length, sentAt: sentAt.toISOString(), closesAt: closesAt.toISOString() };
  });
}
