import { api } from '../api';
import type { Department } from './types';

export async function listDepartments(signal?: AbortSignal): Promise<Department[]> {
  const { items } = await api.get<{ items: Department[] }>('/api/departments', { signal });
  return items;
}
