/**
 * What every page a customer opens with a secret link shares (/service/t/:token, /claim/t/:token):
 * load what the link names, tell a malformed or unknown link (400 / 404, the same to the customer)
 * from a failure worth retrying, and show the skeleton, the not-found card or the retry alert.
 */
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, isAbortError } from '../../api';
import { useT } from '../../i18n';
import { messageOf } from './labels';

export type LinkLoad<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; message: string; notFound: boolean };

/** Loads what `token` names; again on `load()`. Only a new link loads afresh (a language switch needs no new data). */
export function useLinkLoad<T>(token: string, fetch: (token: string, signal?: AbortSignal) => Promise<T>) {
  const t = useT();
  const [loaded, setLoaded] = useState<LinkLoad<T>>({ state: 'loading' });
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setLoaded({ state: 'ready', data: await fetch(token, signal) });
      } catch (error) {
        if (isAbortError(error)) return;
        // A malformed link is refused as a bad request, an unknown one as not found: the same to the customer.
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setLoaded({ state: 'failed', message: messageOf(t, error), notFound });
      }
    },
    [token, t, fetch],
  );
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    void load(controller.signal);
    return () => controller.abort();
  }, [token]);
  return { loaded, data: loaded.state === 'ready' ? loaded.data : null, load };
}

/** The page's state while nothing is shown: loading, a link that names nothing (with where to look it up again), or a failure to retry. */
export function LinkLoadStatus<T>(props: { loaded: LinkLoad<T>; reload: () => void; back: { to: string; label: string; hint: string }; testId: string }) {
  const t = useT();
  const { loaded } = props;
  if (loaded.state === 'loading') {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (loaded.state !== 'failed') return null;
  if (loaded.notFound) {
    return (
      <Card data-testid={`${props.testId}-missing`}>
        <Result
          status="404"
          title={t('selfService.notFound.title')}
          subTitle={props.back.hint}
          extra={
            <Link to={props.back.to}>
              <Button type="primary">{props.back.label}</Button>
            </Link>
          }
        />
      </Card>
    );
  }
  return <Alert type="error" showIcon title={loaded.message} action={<Button onClick={props.reload}>{t('common.reload')}</Button>} data-testid={`${props.testId}-error`} />;
}
