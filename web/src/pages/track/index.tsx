/**
 * Public tracking (no sign-in), docs/product.md §1: anyone may query parcels by waybill number;
 * names, phones and addresses only after the last four digits of a phone number match.
 */
import { ExclamationCircleFilled, FileProtectOutlined, MessageOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Layout,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, isAbortError } from '../../api';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { PartyView } from '../../components/PartyView';
import { statusColor } from '../../components/ShipmentTags';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import type { PublicTrackResult } from '../../services/types';
import { PUBLIC_TRACK_MAX, trackPublicly, type PublicTrackQuery } from '../../services/tracking';
import { isPhoneLast4, parseWaybillNumbers } from './parse';
import { phoneCheckNote, publicTimeZone } from './public-times';
import { TimeZoneHint } from '../../components/TimeZoneHint';
import { StoryNotice, StoryTag, storyTimeItem } from '../../components/ParcelStory';

interface TrackForm {
  waybills: string;
  phoneLast4?: string;
}

export default function PublicTrackPage() {
  const t = useT();
  // Narrow phones: the logo stands for the product (as in the self-service frame), the buttons keep their words.
  const narrow = !Grid.useBreakpoint().sm;
  const { locale } = useLocale();
  const [form] = Form.useForm<TrackForm>();
  const waybillText = Form.useWatch('waybills', form) ?? '';
  const entered = parseWaybillNumbers(waybillText);
  const tooMany = entered.length > PUBLIC_TRACK_MAX;
  const [results, setResults] = useState<PublicTrackResult[] | null>(null);
  // The company's zone, from the answer (no session here): every time on the page is shown in it.
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [asked, setAsked] = useState<PublicTrackQuery | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const lastAsked = useRef<PublicTrackQuery | null>(null);
  useDocumentTitle(t('track.title'));

  async function run(query: PublicTrackQuery) {
    setLoading(true);
    setFailure(null);
    try {
      const answer = await trackPublicly(query);
      setResults(answer.results);
      if (answer.timeZone) setTimeZone(answer.timeZone);
      setAsked(query);
      lastAsked.current = query;
    } catch (error) {
      if (isAbortError(error)) return;
      setFailure(error instanceof ApiError ? error.message : t('error.unknown'));
    } finally {
      setLoading(false);
    }
  }

  function submit(values: TrackForm) {
    const waybillNos = parseWaybillNumbers(values.waybills ?? '');
    // The form's rules have said why already; this only guards the request.
    if (waybillNos.length === 0 || waybillNos.length > PUBLIC_TRACK_MAX) return;
    const phoneLast4 = values.phoneLast4?.trim();
    void run({ waybillNos, ...(phoneLast4 ? { phoneLast4 } : {}) });
  }

  // Status labels and notices come in the request's language: after a language switch, ask again.
  // Only the language decides when; `run` does the same work whichever render it comes from.
  useEffect(() => {
    if (lastAsked.current) void run(lastAsked.current);
  }, [locale]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: '#fff', padding: narrow ? '0 12px' : '0 24px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
      >
        <Flex justify="space-between" align="center" gap={8} style={{ height: '100%', maxWidth: 960, margin: '0 auto' }}>
          <Flex align="center" gap={10}>
            <img src="/favicon.svg" alt={narrow ? t('app.name') : ''} width={28} height={28} />
            {!narrow && (
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="track-product-name">
                {t('app.name')}
              </Typography.Text>
            )}
          </Flex>
          <Flex align="center" gap={4}>
            <LocaleSwitch />
            <Link to="/login">
              <Button type="text">{t('track.staffSignIn')}</Button>
            </Link>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 16px 64px' }}>
        <Flex vertical gap={16} style={{ maxWidth: 960, margin: '0 auto' }}>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('track.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('track.subtitle')}</Typography.Text>
          </div>
          <Card>
            <Form<TrackForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item
                name="waybills"
                label={t('track.waybills')}
                extra={
                  <span data-testid="track-count" style={tooMany ? { color: '#ff4d4f' } : undefined}>
                    {entered.length === 0
                      ? t('track.waybillsHint', { max: PUBLIC_TRACK_MAX })
                      : tooMany
                        ? t('track.tooMany', { count: entered.length, max: PUBLIC_TRACK_MAX })
                        : t('track.count', { count: entered.length, max: PUBLIC_TRACK_MAX })}
                  </span>
                }
                rules={[
                  {
                    validator: (_, value: string | undefined) => {
                      const count = parseWaybillNumbers(value ?? '').length;
                      if (count === 0) return Promise.reject(new Error(t('track.v.required')));
                      if (count > PUBLIC_TRACK_MAX) {
                        return Promise.reject(new Error(t('track.v.tooMany', { max: PUBLIC_TRACK_MAX })));
                      }
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input.TextArea
                  rows={4}
                  placeholder={t('track.waybillsPlaceholder')}
                  data-testid="track-input"
                  spellCheck={false}
                />
              </Form.Item>
              <Form.Item
                name="phoneLast4"
                label={t('track.phoneLast4')}
                extra={t('track.phoneLast4Hint')}
                rules={[
                  {
                    validator: (_, value: string | undefined) =>
                      !value || isPhoneLast4(value.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('track.v.phoneLast4'))),
                  },
                ]}
              >
                <Input
                  inputMode="numeric"
                  maxLength={4}
                  autoComplete="off"
                  placeholder={t('track.phoneLast4Placeholder')}
                  style={{ width: 200 }}
                  data-testid="track-phone"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={loading}
                disabled={tooMany}
                data-testid="track-submit"
              >
                {t('track.submit')}
              </Button>
            </Form>
          </Card>
          {failure && <Alert type="error" showIcon title={failure} data-testid="track-error" />}
          {results && (
            <Flex vertical gap={12} data-testid="track-results">
              <TimeZoneHint zone={publicTimeZone(timeZone)} />
              {results.map((result) => (
                <TrackResultCard
                  key={result.waybillNo}
                  result={result}
                  phoneGiven={Boolean(asked?.phoneLast4)}
                  verifiedDigits={result.verified ? asked?.phoneLast4 : undefined}
                  timeZone={publicTimeZone(timeZone)}
                />
              ))}
            </Flex>
          )}
        </Flex>
      </Layout.Content>
    </Layout>
  );
}

/** `verifiedDigits`: the last 4 digits this parcel was verified with, handed on to self-service. */
function TrackResultCard({
  result,
  phoneGiven,
  verifiedDigits,
  timeZone,
}: {
  result: PublicTrackResult;
  phoneGiven: boolean;
  verifiedDigits: string | undefined;
  timeZone: string;
}) {
  const t = useT();
  const note = phoneCheckNote(t, result, phoneGiven, timeZone);
  if (!result.found) {
    return (
      <Card
        size="small"
        data-testid="track-result"
        data-waybill={result.waybillNo}
        data-found="false"
        data-invalid={String(result.invalid)}
      >
        <Flex gap={12} align="flex-start">
          <ExclamationCircleFilled style={{ color: '#faad14', fontSize: 20, marginTop: 2 }} />
          <div>
            <Space size={12} wrap>
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {result.waybillNo}
              </Typography.Text>
              <Typography.Text>{t(result.invalid ? 'track.invalid' : 'track.notFound')}</Typography.Text>
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t(result.invalid ? 'track.invalidHint' : 'track.notFoundHint')}
            </Typography.Paragraph>
          </div>
        </Flex>
      </Card>
    );
  }
  const events = [...result.events].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  const storyTime = result.story ? storyTimeItem(t, result.story, timeZone) : null;
  return (
    <Card
      data-testid="track-result"
      data-waybill={result.waybillNo}
      data-found="true"
      title={
        <Space size={12} wrap>
          <span>{result.waybillNo}</span>
          {result.story ? (
            <StoryTag story={result.story} />
          ) : (
            result.statusLabel && (
              <Tag color={statusColor(result.status)} style={{ marginInlineEnd: 0 }}>
                {result.statusLabel}
              </Tag>
            )
          )}
        </Space>
      }
    >
      {/* The parcel's story, as the SMS and the ticket tell it: what happened and what happens next. */}
      {result.story && <StoryNotice story={result.story} testId="track-story" />}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'status', label: t('track.status'), children: result.statusLabel ?? t('common.none') },
          ...(storyTime ? [storyTime] : []),
        ]}
      />
      {result.verified && result.sender && result.recipient ? (
        <div data-testid="track-verified" style={{ marginTop: 12 }}>
          <Tag color="success" style={{ marginBottom: 8 }}>
            {t('track.verified')}
          </Tag>
          <Flex gap={24} wrap>
            <div style={{ flex: '1 1 280px' }}>
              <Typography.Text strong>{t('shipment.sender')}</Typography.Text>
              <PartyView party={result.sender} />
            </div>
            <div style={{ flex: '1 1 280px' }}>
              <Typography.Text strong>{t('shipment.recipient')}</Typography.Text>
              <PartyView party={result.recipient} />
            </div>
          </Flex>
        </div>
      ) : (
        <Typography.Paragraph
          type="secondary"
          style={{ margin: '8px 0 0', fontSize: 12 }}
          data-testid="track-phone-note"
          data-locked={String(result.phoneCheckLocked)}
        >
          {note}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('track.timeline')}
      </Typography.Title>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('track.noEvents')} />
      ) : (
        <Timeline
          items={events.map((e, index) => ({
            key: `${e.time}-${index}`,
            color: index === 0 ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatDateTime(e.time, timeZone), e.site].filter(Boolean).join(' · ')}
                </Typography.Text>
                <div>{e.text}</div>
                {/* In English, the carrier's own words too: a scan may hold a pickup code or a courier's phone. */}
                {e.carrierText && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('track.carrierText', { text: e.carrierText })}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      )}
      <div style={{ marginTop: 8 }}>
        {/* Digits already verified go along in the page's history state, never in the address. */}
        <Link
          to={`/service?waybill=${encodeURIComponent(result.waybillNo)}`}
          state={verifiedDigits ? { phoneLast4: verifiedDigits } : undefined}
          data-testid="track-ask"
        >
          <MessageOutlined /> {t('selfService.fromTrack')}
        </Link>
      </div>
      {/* A damaged or lost parcel: the claim page, as its notice links it (docs/product.md §3). */}
      {(result.story?.code === 'damaged' || result.story?.code === 'lost') && (
        <div style={{ marginTop: 8 }}>
          <Link to={`/claim?waybill=${encodeURIComponent(result.waybillNo)}`} data-testid="track-claim">
            <FileProtectOutlined /> {t('claimSelf.fromTrack')}
          </Link>
        </div>
      )}
    </Card>
  );
}
