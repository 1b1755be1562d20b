/**
 * The parcels a customer's ticket is about, as the tracking page tells them (one story per parcel,
 * docs/architecture.md): the same public answer /track gets, without the phone digits (no personal
 * data), asked again in the customer's language when they switch it.
 */
import { Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isAbortError } from '../../api';
import { StoryNotice, StoryTag, storyTimeItem } from '../../components/ParcelStory';
import { useLocale, useT } from '../../i18n';
import type { PublicTrackResult } from '../../services/types';
import { trackPublicly } from '../../services/tracking';

export function ParcelStories({ waybillNos, timeZone }: { waybillNos: readonly string[]; timeZone: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [parcels, setParcels] = useState<PublicTrackResult[]>([]);
  const asked = waybillNos.join(' ');

  useEffect(() => {
    let current = true;
    if (waybillNos.length === 0) return;
    trackPublicly({ waybillNos: [...waybillNos] })
      .then((answer) => current && setParcels(answer.results.filter((r) => r.found && r.story)))
      // The ticket is what the page is for: without the parcels' stories it still works.
      .catch((error: unknown) => {
        if (!isAbortError(error)) console.error(error);
      });
    return () => {
      current = false;
    };
  }, [asked, locale]);

  if (parcels.length === 0) return null;
  return (
    <Card title={t('selfService.parcels')} data-testid="service-parcels">
      <Flex vertical gap={12}>
        {parcels.map((parcel) => {
          const story = parcel.story!;
          const time = storyTimeItem(t, story, timeZone);
          return (
            <div key={parcel.waybillNo} data-testid="service-parcel" data-waybill={parcel.waybillNo}>
              <Space size={8} wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>{parcel.waybillNo}</Typography.Text>
                <StoryTag story={story} />
              </Space>
              <StoryNotice story={story} testId="service-parcel-story" />
              <Descriptions size="small" column={1} items={time ? [time] : []} />
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
