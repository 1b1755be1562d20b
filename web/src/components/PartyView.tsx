/** A sender or recipient as the server sent it (masked unless revealed); absent fields say so. */
import { Descriptions, Typography } from 'antd';
import { useT } from '../i18n';
import type { Party } from '../services/types';

function orNone(value: string | null, none: string) {
  return value ? value : <Typography.Text type="secondary">{none}</Typography.Text>;
}

export function PartyView({ party, testId }: { party: Party; testId?: string }) {
  const t = useT();
  const none = t('common.none');
  return (
    <Descriptions
      column={1}
      size="small"
      data-testid={testId}
      items={[
        { key: 'name', label: t('party.name'), children: orNone(party.name, none) },
        { key: 'phone', label: t('party.phone'), children: orNone(party.phone, none) },
        { key: 'region', label: t('party.region'), children: orNone(party.region, none) },
        { key: 'address', label: t('party.address'), children: orNone(party.address, none) },
      ]}
    />
  );
}

/** One line: "张** 138****8000", for tables. */
export function partyLine(party: Party): string {
  return [party.name, party.phone].filter(Boolean).join(' ');
}
