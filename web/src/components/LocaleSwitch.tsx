import { GlobalOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useLocale, useT } from '../i18n';

/** One click switches between 中文 and English; the button names the language it switches to. */
export function LocaleSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('locale.switchLabel')}>
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="locale-switch"
        aria-label={t('locale.switchLabel')}
        lang={next}
        onClick={() => setLocale(next)}
      >
        {t('locale.switchTo')}
      </Button>
    </Tooltip>
  );
}
