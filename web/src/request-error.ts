/**
 * The one request-error handler of the console: shows the server's message (already in the
 * user's language). A 401 has already sent the user to the sign-in page (see api.ts); the
 * message tells them why.
 */
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, isAbortError } from './api';
import { useT } from './i18n';

export function useRequestErrorHandler(): (error: unknown) => void {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (isAbortError(error)) return;
      if (error instanceof ApiError) {
        if (error.status === 401) {
          void message.warning({ content: error.message, key: 'session' });
        } else {
          void message.error(error.message);
        }
        return;
      }
      console.error(error);
      void message.error(t('error.unknown'));
    },
    [message, t],
  );
}
