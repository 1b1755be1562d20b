import { describe, expect, it } from 'vitest';
import { addressMoved, callbackWindowValid, type AddressKind } from './profile.js';

const home = { address: '浙江省杭州市西湖区文三路90号', province: '330000', city: '330100', district: '330106' };

describe('an address change that moves a 月结 customer', () => {
  it.each<[AddressKind, Partial<typeof home>, boolean, string]>([
    ['billing', { address: '浙江省杭州市滨江区江南大道1号', district: '330108' }, true, 'billing address to another district'],
    ['pickup', { address: '浙江省杭州市西湖区文三路100号' }, true, 'pickup address down the street'],
    ['billing', { address: ' 浙江省杭州市西湖区 文三路90号 ' }, false, 'the same address with spaces'],
    ['billing', {}, false, 'nothing changed (a new contact person)'],
    ['delivery', { address: '上海市浦东新区张江路1号', province: '310000', city: '310100', district: '310115' }, false, 'a delivery address is not where we bill or pick up'],
    ['service', { address: '上海市浦东新区张江路1号', province: '310000', city: '310100', district: '310115' }, false, 'nor is a service address'],
  ])('%s: %j → %s (%s)', (kind, change, moved) => {
    expect(addressMoved(kind, home, { ...home, ...change })).toBe(moved);
  });
});

describe('callback windows', () => {
  it.each([
    [{ from: '09:00', to: '12:00' }, true],
    [{ from: '15:00', to: '18:00' }, true],
    [{ from: '12:00', to: '09:00' }, false],
    [{ from: '09:00', to: '09:00' }, false],
  ])('%j is valid: %s', (window, valid) => {
    expect(callbackWindowValid(window)).toBe(valid);
  });
});
