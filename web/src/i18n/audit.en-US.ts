/**
 * Words of the audit log's details in English. Typed against audit.zh-CN.ts: a key missing here,
 * or one it does not have, fails the type check.
 */
import type auditZhCN from './audit.zh-CN';

const auditEnUS: { readonly [K in keyof typeof auditZhCN]: string } = {
  'audit.detail.more': '{count} more, expand to see them',
  'audit.detail.fullJson': 'Raw record (JSON)',
  'audit.detail.changed': '{from} → {to}',

  'audit.key.name': 'Name',
  'audit.key.username': 'Username',
  'audit.key.displayName': 'Full name',
  'audit.key.role': 'Role',
  'audit.key.departmentId': 'Department',
  'audit.key.email': 'Email',
  'audit.key.active': 'Active',
  'audit.key.number': 'Ticket no.',
  'audit.key.ground': 'Reason for viewing',
  'audit.key.phrase': 'Phrase',
  'audit.key.normalized': 'Normalized',
  'audit.key.category': 'Category',
  'audit.key.match': 'Match',
  'audit.key.key': 'Key',
  'audit.key.situation': 'Situation',
  'audit.key.title': 'Title',
  'audit.key.text': 'Text',
  'audit.key.mode': 'Mode',
  'audit.key.from': 'Before',
  'audit.key.to': 'After',
  'audit.key.fromVersion': 'Previous version',
  'audit.key.version': 'New version',
  'audit.key.note': 'Note',
  'audit.key.changes': 'Changes',
  'audit.key.reason': 'Reason',
  'audit.key.until': 'Locked until',
  'audit.key.attachmentId': 'Attachment',
  'audit.key.mediaType': 'File type',
  'audit.key.sizeBytes': 'Size',
  'audit.key.code': 'Code',
  'audit.key.kind': 'Kind',
  'audit.key.nameZh': 'Chinese name',
  'audit.key.nameEn': 'English name',
  'audit.key.date': 'Date',
  'audit.key.source': 'Source',
  'audit.key.sort': 'Order',
  'audit.key.timeZone': 'Time zone',
  'audit.key.waybillNo': 'Waybill no.',
  'audit.key.users': 'Users',
  'audit.key.departments': 'Departments',

  'audit.reason.unknown_user': 'No such username',
  'audit.reason.wrong_password': 'Wrong password',
  'audit.reason.locked': 'Account locked',
  'audit.reason.disabled': 'Account disabled',

  'audit.calendarDayKind.holiday': 'Holiday',
  'audit.calendarDayKind.workday': 'Make-up workday',
};

export default auditEnUS;
