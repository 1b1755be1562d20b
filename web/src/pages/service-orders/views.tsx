/**
 * The IW59 list's columns chosen by the user and their saved views (docs/product.md §4): filters
 * and columns under a name, each user's own (the server keeps them per user). Choosing a view
 * applies its filters and columns; the current filters and columns can be saved as a new view or
 * replace the chosen one.
 */
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { deleteView, listViews, replaceView, saveView, type ListColumn, type ListFilters, type SavedView, type ViewInput } from '../../services/service-orders';
import { useRemote } from '../../useRemote';

export const DEFAULT_COLUMNS: ListColumn[] = ['number', 'type', 'shortText', 'userStatus', 'systemStatus', 'soldTo', 'mainWorkCenter', 'requiredStart', 'expectedEnd'];

/** The page's filters as the server keeps them (a status list), and back. */
function toStored(filters: ListFilters): ViewInput['filters'] {
  const { systemStatus, ...rest } = filters;
  const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')) as ViewInput['filters'];
  return systemStatus ? { ...kept, systemStatus: [systemStatus as NonNullable<ViewInput['filters']['systemStatus']>[number]] } : kept;
}
function fromStored(filters: SavedView['filters']): ListFilters {
  const { systemStatus, ...rest } = filters as Record<string, unknown>;
  return { ...(rest as ListFilters), systemStatus: Array.isArray(systemStatus) ? (systemStatus[0] as string | undefined) : undefined };
}

export function SavedViews({
  filters,
  columns,
  allColumns,
  onColumns,
  onApply,
}: {
  filters: ListFilters;
  columns: ListColumn[];
  allColumns: { key: ListColumn; title: string }[];
  onColumns: (columns: ListColumn[]) => void;
  onApply: (view: { filters: ListFilters; columns: ListColumn[] }) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const views = useRemote((signal) => listViews(signal), []);
  const [current, setCurrent] = useState<string | undefined>();
  const [naming, setNaming] = useState(false);
  const chosen = views.data?.find((v) => v.id === current);

  const update = async () => {
    if (!chosen) return;
    try {
      await replaceView(chosen.id, { name: chosen.name, filters: toStored(filters), columns });
      void message.success(t('soViews.saved'));
      views.reload();
    } catch (error) {
      handleError(error);
    }
  };
  const remove = async () => {
    if (!chosen) return;
    try {
      await deleteView(chosen.id);
      setCurrent(undefined);
      void message.success(t('soViews.deleted'));
      views.reload();
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
      <Select
        allowClear
        style={{ minWidth: 200 }}
        placeholder={t('soViews.view')}
        value={current}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id?: string) => {
          setCurrent(id);
          const view = views.data?.find((v) => v.id === id);
          if (view) onApply({ filters: fromStored(view.filters), columns: view.columns as ListColumn[] });
        }}
        data-testid="so-views"
      />
      <Select
        mode="multiple"
        style={{ minWidth: 320, flex: 1 }}
        maxTagCount="responsive"
        placeholder={t('soViews.columns')}
        value={columns}
        options={allColumns.map((c) => ({ value: c.key, label: c.title }))}
        onChange={(keys: ListColumn[]) => keys.length > 0 && onColumns(allColumns.map((c) => c.key).filter((k) => keys.includes(k)))}
        data-testid="so-columns"
      />
      <Space>
        <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="so-view-save">
          {t('soViews.save')}
        </Button>
        {chosen && (
          <>
            <Button onClick={() => void update()} data-testid="so-view-update">
              {t('soViews.update')}
            </Button>
            <Popconfirm title={t('soViews.delete')} onConfirm={() => void remove()}>
              <Button danger icon={<DeleteOutlined />} data-testid="so-view-delete" />
            </Popconfirm>
          </>
        )}
      </Space>
      {naming && (
        <NameDialog
          onSave={async (name) => {
            const { id } = await saveView({ name, filters: toStored(filters), columns });
            setCurrent(id);
          }}
          onClosed={(saved) => {
            setNaming(false);
            if (saved) {
              void message.success(t('soViews.saved'));
              views.reload();
            }
          }}
        />
      )}
    </Flex>
  );
}

function NameDialog({ onSave, onClosed }: { onSave: (name: string) => Promise<void>; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const { save, modalProps } = useSaveDialog(onClosed);
  return (
    <FormModal form={form} title={t('soViews.save')} okText={t('common.save')} {...modalProps}>
      <Form form={form} layout="vertical" onFinish={(values) => save(() => onSave(values.name.trim()))} data-testid="so-view-form">
        <Form.Item name="name" label={t('soViews.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input autoFocus />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
