/**
 * The suggested cause (原因代码) of a complaint that has none: the model's or the rules' best guess
 * from its text, which the agent confirms or replaces with another code; both are recorded
 * (docs/product.md §6). Shown only to whoever may edit the ticket.
 */
import { BulbOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api';
import { useLocale, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { useRemote } from '../../useRemote';
import type { TicketContext } from './context';
import { codeOptions } from './TicketActions';

interface Suggestion {
  needed: boolean;
  method: 'naive_bayes' | 'rules' | 'none';
  suggestions: { code: string; nameZh: string; nameEn: string; score: number }[];
}

export function CauseSuggestion({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { locale } = useLocale();
  const handleError = useRequestErrorHandler();
  const { ticket } = ctx;
  const suggestion = useRemote((signal) => api.get<Suggestion>(`/api/tickets/${encodeURIComponent(ticket.id)}/cause-suggestion`, { signal }), [ticket.id, ticket.version]);
  const [other, setOther] = useState<string>();
  const [busy, setBusy] = useState(false);
  const best = suggestion.data?.suggestions[0];
  if (!suggestion.data?.needed) return null;

  async function confirm(code: string) {
    setBusy(true);
    try {
      await api.post(`/api/tickets/${encodeURIComponent(ticket.id)}/cause-suggestion/confirm`, { code, version: ticket.version });
      ctx.reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) ctx.onStale();
      else handleError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Alert
      type="info"
      icon={<BulbOutlined />}
      showIcon
      data-testid="cause-suggestion"
      title={
        best ? (
          <Typography.Text>
            {suggestion.data.method === 'naive_bayes'
              ? t('tickets.causeSuggestion.is', { name: locale === 'zh-CN' ? best.nameZh : best.nameEn, share: Math.round(best.score * 100) })
              : t('tickets.causeSuggestion.isRule', { name: locale === 'zh-CN' ? best.nameZh : best.nameEn })}
            <Typography.Text type="secondary">{` · ${t(`tickets.causeSuggestion.method.${suggestion.data.method}`)}`}</Typography.Text>
          </Typography.Text>
        ) : (
          t('tickets.causeSuggestion.none')
        )
      }
      action={
        <Flex gap={8} wrap>
          {best && (
            <Button size="small" type="primary" loading={busy} onClick={() => void confirm(best.code)} data-testid="cause-suggestion-confirm">
              {t('tickets.causeSuggestion.confirm')}
            </Button>
          )}
          <Select
            size="small"
            style={{ minWidth: 160 }}
            placeholder={t('tickets.causeSuggestion.other')}
            value={other}
            onChange={setOther}
            showSearch={{ optionFilterProp: 'label' }}
            options={codeOptions(ctx.codes, 'cause', locale)}
            aria-label={t('tickets.causeSuggestion.other')}
          />
          <Button size="small" disabled={!other} loading={busy} onClick={() => other && void confirm(other)}>
            {t('tickets.causeSuggestion.choose')}
          </Button>
        </Flex>
      }
    />
  );
}
