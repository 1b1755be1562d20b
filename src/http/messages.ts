/**
 * What each error code says to a person, in both languages. `{name}` is filled from the error's
 * params. Every code of domain/errors.ts must appear here (the type enforces it).
 */
import type { ErrorCode } from '../domain/errors.js';
import type { Locale } from './locale.js';
import { CLAIM_REFUSAL_LABELS } from '../domain/claims/labels.js';
import { QUALITY_ERRORS, type QualityErrorCode } from '../domain/quality/errors.js';

export const ERROR_MESSAGES: Record<ErrorCode, Record<Locale, string>> = {
  VALIDATION_FAILED: {
    'zh-CN': '请求内容不正确：{detail}',
    'en-US': 'The request is not valid: {detail}',
  },
  MALFORMED_JSON: {
    'zh-CN': '请求体不是有效的 JSON。',
    'en-US': 'The request body is not valid JSON.',
  },
  MALFORMED_REQUEST: {
    'zh-CN': '请求无法解析：请求行或请求头不符合 HTTP 规范（例如网址中的中文未经百分号编码）。',
    'en-US': 'The request could not be parsed: its request line or headers break HTTP (for example, non-ASCII characters in the URL that are not percent-encoded).',
  },
  REQUEST_TIMEOUT: {
    'zh-CN': '请求未能在时限内发完，连接已关闭，请重试。',
    'en-US': 'The request was not sent in time and the connection was closed; please try again.',
  },
  HEADERS_TOO_LARGE: {
    'zh-CN': '请求头过大，请求被拒绝。',
    'en-US': 'The request headers are too large; the request was refused.',
  },
  PASSWORD_TOO_WEAK: {
    'zh-CN': '密码至少 {min} 位，且不能包含用户名。',
    'en-US': 'The password needs at least {min} characters and must not contain the username.',
  },
  DEPARTMENT_NOT_FOUND: {
    'zh-CN': '所选部门不存在。',
    'en-US': 'The chosen department does not exist.',
  },
  POLICY_INVALID: {
    'zh-CN': '策略内容不正确：{detail}',
    'en-US': 'The policy is not valid: {detail}',
  },
  AUTH_REQUIRED: {
    'zh-CN': '请先登录。',
    'en-US': 'Please sign in first.',
  },
  AUTH_INVALID_CREDENTIALS: {
    'zh-CN': '用户名或密码错误。',
    'en-US': 'Wrong username or password.',
  },
  API_KEY_INVALID: {
    'zh-CN': 'API 密钥无效或已被吊销。',
    'en-US': 'The API key is invalid or has been revoked.',
  },
  FEED_SIGNATURE_INVALID: {
    'zh-CN': '签名校验失败。',
    'en-US': 'The signature does not match.',
  },
  FEED_NOT_CONFIGURED: {
    'zh-CN': '此数据源尚未配置密钥，暂不接收推送。',
    'en-US': 'This feed has no secret configured and accepts no pushes.',
  },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '页面已过期，请刷新后重试。',
    'en-US': 'This page has expired. Reload it and try again.',
  },
  FORBIDDEN: {
    'zh-CN': '您没有执行此操作的权限。',
    'en-US': 'You are not allowed to do this.',
  },
  NOT_FOUND: {
    'zh-CN': '请求的地址不存在。',
    'en-US': 'Nothing is here.',
  },
  USER_NOT_FOUND: {
    'zh-CN': '用户不存在。',
    'en-US': 'No such user.',
  },
  API_KEY_NOT_FOUND: {
    'zh-CN': 'API 密钥不存在。',
    'en-US': 'No such API key.',
  },
  SHIPMENT_NOT_FOUND: {
    'zh-CN': '未查到运单 {waybillNo}。',
    'en-US': 'No shipment with waybill number {waybillNo}.',
  },
  METHOD_NOT_ALLOWED: {
    'zh-CN': '不支持此请求方法。',
    'en-US': 'This method is not allowed here.',
  },
  USER_USERNAME_TAKEN: {
    'zh-CN': '用户名“{username}”已被使用。',
    'en-US': 'The username "{username}" is already taken.',
  },
  TEXT_INVALID: {
    'zh-CN': '{field} 含有无法保存的字符（空字符 U+0000 或不成对的代理项）。',
    'en-US': '{field} contains characters that cannot be stored (NUL, U+0000, or an unpaired surrogate).',
  },
  CONFLICT_STALE_VERSION: {
    'zh-CN': '该记录已被他人修改，请刷新后再试。',
    'en-US': 'Someone else changed this record. Reload it and try again.',
  },
  CONFLICT_RETRY: {
    'zh-CN': '其他人正在同时修改相同的记录，请稍后重试。',
    'en-US': 'Someone else was changing the same records at the same moment. Please try again.',
  },
  USER_SELF_LOCKOUT: {
    'zh-CN': '不能停用自己的账号或取消自己的管理员角色。',
    'en-US': 'You cannot disable your own account or remove your own administrator role.',
  },
  BODY_TOO_LARGE: {
    'zh-CN': '请求体过大（上限 {limit} 字节）。',
    'en-US': 'The request body is too large (limit {limit} bytes).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型，请使用 application/json。',
    'en-US': 'Unsupported content type; send application/json.',
  },
  AUTH_ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，此账号在本设备所在网络的登录已锁定至 {until}。',
    'en-US': 'Too many failed sign-ins: this account is locked for sign-in from your network until {until}.',
  },
  RATE_LIMITED: {
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试。',
    'en-US': 'Too many requests. Try again in {seconds} seconds.',
  },
  INTERNAL_ERROR: {
    'zh-CN': '服务器内部错误，请稍后再试。',
    'en-US': 'Something went wrong on our side. Please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    'zh-CN': '服务暂不可用，请稍后再试。',
    'en-US': 'The service is unavailable. Please try again later.',
  },
  CALENDAR_INVALID: {
    'zh-CN': '日历设置不正确：{detail}',
    'en-US': 'The calendar is not valid: {detail}',
  },
  PHRASE_INVALID: {
    'zh-CN': '用语内容不正确：{detail}',
    'en-US': 'The phrase is not valid: {detail}',
  },
  TRANSFER_TARGET_INVALID: {
    'zh-CN': '转交对象不正确：{detail}',
    'en-US': 'The transfer target is not valid: {detail}',
  },
  TICKET_CODE_INVALID: {
    'zh-CN': '分类或原因代码“{code}”不存在或已停用。',
    'en-US': 'The category or cause code "{code}" does not exist or is disabled.',
  },
  RATING_REASON_REQUIRED: {
    'zh-CN': '评分低于 {threshold} 分时请写明原因。',
    'en-US': 'Please give a reason for a rating below {threshold}.',
  },
  PUBLIC_VERIFICATION_FAILED: {
    'zh-CN': '运单号或手机号后四位不正确。同一运单一小时内输错 5 次后将暂停核验一小时。',
    'en-US': 'The waybill number or the last four digits of the phone number are not correct. After 5 wrong tries within an hour, a waybill cannot be checked for an hour.',
  },
  SERVICE_QUOTE_VERIFICATION_FAILED: {
    'zh-CN': '手机号后四位不正确：请输入贵公司登记的电话、联系人或服务地址联系人手机号的后四位。一小时内输错 5 次后将暂停核验一小时。',
    'en-US': "The last four digits are not correct: give those of your company's phone, of a contact's or of the service address contact's mobile. After 5 wrong tries within an hour, checking is paused for an hour.",
  },
  PHONE_CHECK_LOCKED: {
    'zh-CN': '手机号验证次数过多（此运单，或来自您所在网络的验证），已暂停验证，请在 {until} 后再试。',
    'en-US': 'Too many tries to check a phone number (for this waybill, or from your network): checking is paused. Try again after {until}.',
  },
  CUSTOMER_REVEAL_FORBIDDEN: {
    'zh-CN': '客户的完整姓名和电话仅对工单负责人、待回访的回访人和有权查看个人信息的岗位显示。',
    'en-US': "The customer's full name and phone are shown only to the ticket's owner, the assignee of a pending callback and roles that may see personal data.",
  },
  CUSTOMER_CREDIT_CODE_INVALID: {
    'zh-CN': '统一社会信用代码不正确（{problem}）：应为 18 位，不含 I、O、S、V、Z，且最后一位校验码须符合 GB 32100-2015。',
    'en-US': 'The unified social credit code is not valid ({problem}): 18 characters without I, O, S, V or Z, the last one the check character of GB 32100-2015.',
  },
  CUSTOMER_ADDRESS_REGION_UNKNOWN: {
    'zh-CN': '地址中找不到所在的省、市、区，请写明省市区或选择地区。',
    'en-US': 'No province, city or district was found in the address; write them out or choose the region.',
  },
  CUSTOMER_CALLBACK_WINDOW_INVALID: {
    'zh-CN': '回访时段须先开始后结束（如 09:00–12:00）。',
    'en-US': 'A callback window must start before it ends (e.g. 09:00-12:00).',
  },
  ACCOUNT_CALLBACK_DATE_INVALID: {
    'zh-CN': '改约的回访日期须在今天之后（格式 YYYY-MM-DD）。',
    'en-US': 'A rescheduled callback needs a date after today (YYYY-MM-DD).',
  },
  ACCOUNT_CALLBACK_NOT_FOUND: {
    'zh-CN': '找不到该计划回访。',
    'en-US': 'No such planned callback.',
  },
  ACCOUNT_CALLBACK_DONE: {
    'zh-CN': '该计划回访已记录结果，下一次回访已排好。',
    'en-US': 'This planned callback already has its outcome; the next one is planned.',
  },
  CUSTOMER_ACCOUNT_MANAGER_INVALID: {
    'zh-CN': '所选客户经理不是在职的大客户经理。',
    'en-US': 'The chosen account manager is not an active account manager.',
  },
  REPORT_MONTH_INVALID: {
    'zh-CN': '只能为已结束的月份生成月度统计分析表。',
    'en-US': 'A monthly report can only be made for a month that is over.',
  },
  REPORT_NOT_FOUND: {
    'zh-CN': '找不到该月度报表。',
    'en-US': 'The monthly report was not found.',
  },
  REPORT_NO_EMAIL: {
    'zh-CN': '该客户的联系人没有电子邮箱，无法发送报表。',
    'en-US': 'None of the customer\'s contacts has an e-mail address to send the report to.',
  },
  CUSTOMER_NOT_FOUND: {
    'zh-CN': '找不到该客户。',
    'en-US': 'The customer was not found.',
  },
  MONTHLY_ACCOUNT_NOT_FOUND: {
    'zh-CN': '该客户没有这个月结账号。',
    'en-US': 'The customer has no such monthly account.',
  },
  CUSTOMER_CONTACT_NOT_FOUND: {
    'zh-CN': '该客户没有这个联系人。',
    'en-US': 'The customer has no such contact.',
  },
  CUSTOMER_ADDRESS_NOT_FOUND: {
    'zh-CN': '该客户没有这个地址。',
    'en-US': 'The customer has no such address.',
  },
  CUSTOMER_TASK_NOT_FOUND: {
    'zh-CN': '找不到该客户任务。',
    'en-US': 'The customer task was not found.',
  },
  CUSTOMER_PHONE_TAKEN: {
    'zh-CN': '该电话已属于另一位客户，请打开那位客户或将两条记录合并。',
    'en-US': 'This phone already belongs to another customer; open that customer or merge the two records.',
  },
  CUSTOMER_CREDIT_CODE_TAKEN: {
    'zh-CN': '该统一社会信用代码已属于另一位客户，请打开那位客户或将两条记录合并。',
    'en-US': 'This unified social credit code already belongs to another customer; open that customer or merge the two records.',
  },
  MONTHLY_ACCOUNT_TAKEN: {
    'zh-CN': '月结账号 {accountNo} 已属于另一位客户。',
    'en-US': 'Monthly account {accountNo} already belongs to another customer.',
  },
  CUSTOMER_TIER_PIN_REASON_REQUIRED: {
    'zh-CN': '人工指定客户等级须说明原因。',
    'en-US': 'Say why the tier is set by hand.',
  },
  CUSTOMER_TIER_PIN_UNTIL_INVALID: {
    'zh-CN': '指定等级的截止日期须在今天之后，且不超过两年。',
    'en-US': 'The last day of a tier set by hand must be after today and at most two years ahead.',
  },
  CUSTOMER_TIER_PIN_NOT_FOUND: {
    'zh-CN': '该客户的等级并非人工指定。',
    'en-US': "This customer's tier is not set by hand.",
  },
  CUSTOMER_MERGE_INVALID: {
    'zh-CN': '无法合并：两条记录须是不同的、尚未被合并的客户。',
    'en-US': 'These records cannot be merged: they must be two different customers, neither merged already.',
  },
  CUSTOMER_TASK_DONE: {
    'zh-CN': '该任务已完成。',
    'en-US': 'The task is already done.',
  },
  TICKET_NOT_FOUND: {
    'zh-CN': '工单不存在或您无权查看。',
    'en-US': 'The ticket does not exist or you may not see it.',
  },
  CALLBACK_NOT_FOUND: {
    'zh-CN': '回访任务不存在。',
    'en-US': 'The callback does not exist.',
  },
  DEPARTMENT_REQUEST_NOT_FOUND: {
    'zh-CN': '部门协办请求不存在。',
    'en-US': 'The department request does not exist.',
  },
  ATTACHMENT_NOT_FOUND: {
    'zh-CN': '附件不存在或您无权查看。',
    'en-US': 'The attachment does not exist or you may not see it.',
  },
  PHRASE_NOT_FOUND: {
    'zh-CN': '用语不存在。',
    'en-US': 'The phrase does not exist.',
  },
  TICKET_CODE_NOT_FOUND: {
    'zh-CN': '代码不存在。',
    'en-US': 'The code does not exist.',
  },
  CALENDAR_DAY_NOT_FOUND: {
    'zh-CN': '该日期不是日历中的节假日或调休上班日。',
    'en-US': 'This date is not a holiday or a worked weekend day in the calendar.',
  },
  TICKET_TRANSITION_INVALID: {
    'zh-CN': '工单当前状态为“{from}”，不能执行此操作。',
    'en-US': 'The ticket is "{from}" and this cannot be done now.',
  },
  TICKET_MERGE_INVALID: {
    'zh-CN': '不能合并：{detail}',
    'en-US': 'These tickets cannot be merged: {detail}',
  },
  TICKET_OPEN_CASE: {
    'zh-CN': '该客户或运单已有未结案的工单 #{number}：请选择加入该工单，或另开工单（关联并交给其负责人）。',
    'en-US': 'This customer or waybill already has a case that is not closed, #{number}: add this contact to it, or open a ticket beside it (linked, for its owner).',
  },
  AGENT_AT_CAPACITY: {
    'zh-CN': '{name} 的在办工单已达上限（{open}/{capacity}）；如确需转派，请勾选“超出上限仍转派”。',
    'en-US': '{name} is at capacity ({open}/{capacity} open tickets); tick "move even above capacity" to move it anyway.',
  },
  TICKET_CLOSE_NEEDS_CALLBACK: {
    'zh-CN': '关闭投诉工单前请填写回访结果，或说明不回访的原因。',
    'en-US': 'Before closing a complaint, record the callback outcome or say why there is none.',
  },
  RATING_NOT_ALLOWED: {
    'zh-CN': '工单解决后才能评价，且每个工单只能评价一次。',
    'en-US': 'A ticket can be rated once, after it is resolved.',
  },
  DEPARTMENT_REQUEST_ANSWERED: {
    'zh-CN': '该协办请求已经回复过了。',
    'en-US': 'This department request has already been answered.',
  },
  PHRASE_DUPLICATE: {
    'zh-CN': '已有相同的用语。',
    'en-US': 'The same phrase already exists.',
  },
  TICKET_CODE_TAKEN: {
    'zh-CN': '代码“{code}”已被使用。',
    'en-US': 'The code "{code}" is already taken.',
  },
  CALLBACK_DONE: {
    'zh-CN': '该回访已完成。',
    'en-US': 'This callback is already done.',
  },
  CALLBACK_CANCELLED: {
    'zh-CN': '该回访已取消（工单已重新打开或已关闭），不能再记录回访结果。',
    'en-US': 'This callback was cancelled (the ticket was reopened or closed); no outcome can be recorded on it.',
  },
  CALLBACK_TICKET_NOT_RESOLVED: {
    'zh-CN': '工单当前状态为“{status}”，只有已解决的工单才能记录回访结果。',
    'en-US': 'The ticket is "{status}"; a callback outcome can only be recorded on a resolved ticket.',
  },
  CALLBACK_RETRY_NOT_DUE: {
    'zh-CN': '上次未接通已记录，请在 {time} 之后的回访时段再打。客户接通时可随时记录满意或不满意。',
    'en-US': 'The last unanswered call is recorded; call again in the callback hours from {time}. If the customer answers, satisfied or unsatisfied can be recorded at any time.',
  },
  ATTACHMENT_TOO_LARGE: {
    'zh-CN': '附件过大（上限 {limit}）。',
    'en-US': 'The attachment is too large (limit {limit}).',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '不支持此文件类型，请上传 JPEG、PNG、WebP、HEIC 图片或 PDF。',
    'en-US': 'This file type is not accepted. Upload a JPEG, PNG, WebP or HEIC image or a PDF.',
  },
  TICKET_RESOLVE_NEEDS_ANSWER: {
    'zh-CN': '解决工单前须答复客户：请填写给客户的答复。内部备注和部门回复客户看不到，不算答复。',
    'en-US': 'Before resolving, answer the customer: write the answer to them. Internal notes and department replies are not seen by the customer and do not count.',
  },
  TICKET_RESOLVE_NEEDS_CAUSE: {
    'zh-CN': '投诉须选定原因代码后才能解决：原因用于统计和改进。',
    'en-US': 'A complaint is resolved with its cause code: choose one (causes feed the reports).',
  },
  PHRASE_RELEASE_NOT_FOUND: {
    'zh-CN': '放行申请不存在或您无权查看。',
    'en-US': 'The release request does not exist or you may not see it.',
  },
  PHRASE_RELEASE_OWN: {
    'zh-CN': '不能审批自己提交的放行申请，请由其他主管审批。',
    'en-US': 'You cannot decide your own release request: another supervisor must.',
  },
  PHRASE_RELEASE_NOT_NEEDED: {
    'zh-CN': '这段回复没有被服务忌语拦截，无需申请放行，可直接发送。',
    'en-US': 'This reply is not blocked by the forbidden phrases: send it, no release is needed.',
  },
  PHRASE_RELEASE_PENDING: {
    'zh-CN': '这张工单已有一条等待主管审批的放行申请，请等待审批结果。',
    'en-US': 'A release request for this ticket is already waiting for a supervisor.',
  },
  PHRASE_RELEASE_DECIDED: {
    'zh-CN': '这条放行申请已经审批过了。',
    'en-US': 'This release request has already been decided.',
  },
  QUESTIONNAIRE_INVALID: {
    'zh-CN': '问卷内容不正确：{detail}',
    'en-US': 'The questionnaire is not valid: {detail}',
  },
  SURVEY_ANSWERS_INVALID: {
    'zh-CN': '部分回答不完整或不正确，请检查标出的问题后再提交。',
    'en-US': 'Some answers are missing or not valid: check the questions marked and send again.',
  },
  QUESTIONNAIRE_NOT_FOUND: {
    'zh-CN': '问卷不存在。',
    'en-US': 'The questionnaire does not exist.',
  },
  SURVEY_NOT_FOUND: {
    'zh-CN': '调查不存在或您无权查看。',
    'en-US': 'The survey does not exist or you may not see it.',
  },
  SURVEY_LINK_NOT_FOUND: {
    'zh-CN': '调查链接无效，请核对短信中的链接。',
    'en-US': 'This survey link is not valid. Please check the link in your message.',
  },
  SURVEY_LINK_EXPIRED: {
    'zh-CN': '本次调查已结束，感谢您的关注。',
    'en-US': 'This survey has closed. Thank you for your interest.',
  },
  SURVEY_ALREADY_SENT: {
    'zh-CN': '该调查已发送，不能再次发送。',
    'en-US': 'This survey has already been sent and cannot be sent again.',
  },
  SURVEY_ALREADY_ANSWERED: {
    'zh-CN': '您已提交过本次调查，每份邀请只能回答一次。感谢您的反馈！',
    'en-US': 'You have already answered this survey; each invitation takes one answer. Thank you for your feedback!',
  },
  SURVEY_NO_RECIPIENTS: {
    'zh-CN': '所选范围内没有留有手机号的客户，无法发送调查。',
    'en-US': 'No customer in the chosen set has a phone number: the survey cannot be sent.',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    'zh-CN': '须附带请求编号（Idempotency-Key），以免重复付款。',
    'en-US': 'An idempotency key (Idempotency-Key) is required, so a payment is never made twice.',
  },
  EVIDENCE_REVIEW_REASON_REQUIRED: {
    'zh-CN': '退回材料须填写原因。',
    'en-US': 'Rejecting evidence needs a reason.',
  },
  RESPONSIBILITY_REASON_REQUIRED: {
    'zh-CN': '判定责任网点须填写原因。',
    'en-US': 'Deciding the responsible station needs a reason.',
  },
  KPI_NOT_FOUND: {
    'zh-CN': '指标不存在。',
    'en-US': 'The KPI was not found.',
  },
  KPI_PERIOD_INVALID: {
    'zh-CN': '统计期间无效：开始日期不得晚于结束日期，且最长 {maxDays} 天。',
    'en-US': 'The period is not valid: it must not start after it ends and may span at most {maxDays} days.',
  },
  KPI_DIMENSION_INVALID: {
    'zh-CN': '该指标不能按“{by}”细分。',
    'en-US': 'This KPI cannot be sliced by “{by}”.',
  },
  SUPERVISION_PERIOD_INVALID: {
    'zh-CN': '报告期间无效：周报须从周一开始、月报须从 1 日开始，且该期间须已结束。',
    'en-US': 'The report period is not valid: a weekly report starts on a Monday, a monthly one on the 1st, and the period must be over.',
  },
  SUPERVISION_REPORT_NOT_FOUND: {
    'zh-CN': '服务监督报告不存在。',
    'en-US': 'The supervision report was not found.',
  },
  SUPERVISION_SUBSCRIPTION_NO_EMAIL: {
    'zh-CN': '您的账号没有电子邮箱，无法订阅报告；请联系管理员添加邮箱。',
    'en-US': 'Your account has no e-mail address, so reports cannot be sent to you; ask an administrator to add one.',
  },
  KPI_TARGET_INVALID: {
    'zh-CN': '目标无效：生效日须为真实日期；目标值须为不小于 0 的数，百分比不超过 100；公司目标不能撤销，只能改为新值。',
    'en-US': 'The target is not valid: it starts on a real calendar day and is a number of at least 0, a percentage at most 100; a company target cannot be withdrawn, only changed.',
  },
  KPI_TARGET_SCOPE_INVALID: {
    'zh-CN': '目标范围无效：团队须为已有部门，网点须填写名称，且该指标须能按团队或网点统计。',
    'en-US': "The target's scope is not valid: a team must be an existing department, a station needs its name, and the KPI must be kept by team or station.",
  },
  KPI_ASSESSMENT_FORBIDDEN: {
    'zh-CN': '无权查看此人的考核：员工只能看自己的，主管看本组的，经理看全部。',
    'en-US': "You may not read this person's assessment: agents read their own, supervisors their team's, managers everyone's.",
  },
  KPI_PERSON_NOT_FOUND: {
    'zh-CN': '人员不存在。',
    'en-US': 'The person was not found.',
  },
  CLAIM_NOT_FOUND: {
    'zh-CN': '理赔不存在。',
    'en-US': 'The claim was not found.',
  },
  CLAIM_EVIDENCE_NOT_FOUND: {
    'zh-CN': '理赔材料不存在。',
    'en-US': 'The evidence item was not found.',
  },
  CLAIM_EVIDENCE_REVIEWED: {
    'zh-CN': '该材料已审核。',
    'en-US': 'This evidence was already reviewed.',
  },
  EVIDENCE_FILE_TYPE_WRONG: {
    'zh-CN': '照片类材料须为图片（JPEG、PNG、WebP、HEIC），其他材料须为图片或 PDF。',
    'en-US': 'A photo item takes an image (JPEG, PNG, WebP, HEIC); other evidence an image or a PDF.',
  },
  CLAIM_SHIPMENT_NOT_ON_TICKET: {
    'zh-CN': '该运单不在此工单上，请先将运单关联到工单。',
    'en-US': 'This waybill is not on the ticket: add it to the ticket first.',
  },
  CLAIM_AMOUNT_INVALID: {
    'zh-CN': '索赔金额须为大于 0 的金额（单位：元，最多两位小数）。',
    'en-US': 'The amount claimed must be more than 0 yuan, with at most two decimals.',
  },
  EVIDENCE_ITEM_NOT_ON_CHECKLIST: {
    'zh-CN': '该类理赔不需要此项材料。',
    'en-US': 'This kind of claim does not ask for this evidence.',
  },
  SERVICE_ORDER_DATES_INVALID: {
    'zh-CN': '日期顺序不对：{detail}',
    'en-US': 'The dates are out of order: {detail}',
  },
  SERVICE_ORDER_CODE_UNKNOWN: {
    'zh-CN': '目录中没有代码 {code}（{catalog}）。',
    'en-US': 'The {catalog} catalog has no code {code}.',
  },
  SERVICE_ORDER_CAUSE_REQUIRED: {
    'zh-CN': '完成通知单需要选择完成原因。',
    'en-US': 'Completing a notification needs a cause.',
  },
  SERVICE_ORDER_PARTNER_UNKNOWN: {
    'zh-CN': '所选客户（{partner}）不存在。',
    'en-US': 'The chosen customer ({partner}) does not exist.',
  },
  SERVICE_ORDER_ADDRESS_UNKNOWN: {
    'zh-CN': '服务地址不是送达方客户的地址。',
    'en-US': 'The service address is not one of the ship-to customer\'s addresses.',
  },
  SERVICE_ORDER_REFERENCE_UNKNOWN: {
    'zh-CN': '参照的通知单不存在。',
    'en-US': 'The reference notification does not exist.',
  },
  SERVICE_ORDER_RESPONSIBLE_UNKNOWN: {
    'zh-CN': '负责人不存在或已停用。',
    'en-US': 'The person responsible does not exist or is disabled.',
  },
  SERVICE_WORK_CENTER_UNKNOWN: {
    'zh-CN': '工作中心不存在或已停用。',
    'en-US': 'The work center does not exist or is inactive.',
  },
  SERVICE_ORDER_STATUS_ROLE: {
    'zh-CN': '您的角色不能执行此状态变更。您可以：{allowed}',
    'en-US': 'Your role may not make this status change. You may: {allowed}',
  },
  SERVICE_ORDER_NOT_FOUND: {
    'zh-CN': '服务通知单不存在。',
    'en-US': 'The service notification was not found.',
  },
  SERVICE_ORDER_VIEW_NOT_FOUND: {
    'zh-CN': '保存的视图不存在。',
    'en-US': 'The saved view was not found.',
  },
  SERVICE_ORDER_STATUS_INVALID: {
    'zh-CN': '当前状态不能变更为 {status}。允许的操作：{allowed}',
    'en-US': 'The notification cannot move to {status} from here. Allowed: {allowed}',
  },
  SERVICE_ORDER_COMPLETED: {
    'zh-CN': '通知单已完成，不能再修改；如需继续处理请由主管重新打开。',
    'en-US': 'The notification is completed and read-only; a supervisor may reopen it.',
  },
  SERVICE_ORDER_NOT_COMPLETABLE: {
    'zh-CN': '当前用户状态下不能完成通知单。允许的操作：{allowed}',
    'en-US': 'The notification cannot be completed at its current user status. Allowed: {allowed}',
  },
  SERVICE_ORDER_NOT_COMPLETED: {
    'zh-CN': '通知单尚未完成，无需重新打开。',
    'en-US': 'The notification is not completed, so there is nothing to reopen.',
  },
  SERVICE_ORDER_TRANSITION_INVALID: {
    'zh-CN': '通知单已处于该系统状态。允许的操作：{allowed}',
    'en-US': 'The notification is already in that system status. Allowed: {allowed}',
  },
  SERVICE_WORK_CENTER_CODE_TAKEN: {
    'zh-CN': '工作中心代码 {code} 已被使用。',
    'en-US': 'The work center code {code} is already taken.',
  },
  SERVICE_WORK_CENTER_OFFICE_TAKEN: {
    'zh-CN': '销售办公室 {office} 已由另一个工作中心负责。',
    'en-US': 'Another work center already answers for sales office {office}.',
  },
  SERVICE_WORK_CENTER_NO_EMAIL: {
    'zh-CN': '工作中心 {code} 未设置邮箱，无法发送邮件；请管理员在工作中心设置中填写。',
    'en-US': 'Work center {code} has no mailbox, so nothing can be e-mailed to it; an administrator can set one on the work center.',
  },
  SERVICE_WORK_PLAN_TOO_LARGE: {
    'zh-CN': '该工作计划超过 {max} 项，无法一次生成；请按天查看。',
    'en-US': 'The work plan has more than {max} visits and cannot be made at once; look at one day at a time.',
  },
  SERVICE_WORK_CENTER_NOT_FOUND: {
    'zh-CN': '工作中心不存在。',
    'en-US': 'The work center was not found.',
  },
  SERVICE_CATALOG_NOT_FOUND: {
    'zh-CN': '目录中没有该代码组或代码。',
    'en-US': 'The catalog has no such code group or code.',
  },
  SERVICE_CATALOG_CODE_TAKEN: {
    'zh-CN': '代码 {code} 已存在。',
    'en-US': 'The code {code} already exists.',
  },
  SERVICE_ORDER_VIEW_NAME_TAKEN: {
    'zh-CN': '已有同名的视图。',
    'en-US': 'You already have a view with this name.',
  },
  QUOTE_NO_LINES: {
    'zh-CN': '报价单至少需要一行（人工费、配件费、上门费或其他费用）。',
    'en-US': 'A quotation needs at least one line (labour, parts, call-out fee or other).',
  },
  QUOTE_LINE_INVALID: {
    'zh-CN': '报价第 {line} 行的{field}不正确。',
    'en-US': 'Line {line} of the quotation has an invalid {field}.',
  },
  QUOTE_TOO_LARGE: {
    'zh-CN': '报价单的行数或金额超出上限。',
    'en-US': 'The quotation has too many lines or too large an amount.',
  },
  QUOTE_VALIDITY_INVALID: {
    'zh-CN': '报价有效期不能早于今天。',
    'en-US': 'The quotation cannot be valid until a day before today.',
  },
  ACCEPTANCE_INVALID: {
    'zh-CN': '验收确认不完整：{field}。验收人须填写，验收时间须在客户确认报价之后、且不晚于现在。',
    'en-US': 'The acceptance is not complete: {field}. Name who accepted; the time must be after the quote was confirmed and not in the future.',
  },
  QUOTE_APPROVAL_FORBIDDEN: {
    'zh-CN': '总部价格须由主管批准，且不能由提出申请的本人批准。',
    'en-US': "Headquarters' price is approved by a supervisor, and never by the person who asked for the approval.",
  },
  QUOTE_ACTOR_FORBIDDEN: {
    'zh-CN': '您不能执行此报价操作：客户在自助服务页面确认或拒绝报价，客服只能登记客户电话中的答复。',
    'en-US': 'You may not do this to the quotation: the customer confirms or declines on the self-service page; the desk only records an answer given on the phone.',
  },
  SERVICE_QUOTE_NOT_FOUND: {
    'zh-CN': '报价单不存在，或链接已失效。',
    'en-US': 'The quotation was not found, or the link is no longer valid.',
  },
  SERVICE_INVOICE_NOT_FOUND: {
    'zh-CN': '该报价单还没有服务销售发票。',
    'en-US': 'This quotation has no service invoice yet.',
  },
  QUOTE_EXPIRED: {
    'zh-CN': '报价已过有效期，不能再确认或发送；请重新报价。',
    'en-US': 'The quotation has expired and can no longer be confirmed or sent; write a new one.',
  },
  QUOTE_ALREADY_ANSWERED: {
    'zh-CN': '客户已答复过此报价，不能重复确认或拒绝。',
    'en-US': 'The customer has already answered this quotation; it cannot be confirmed or declined again.',
  },
  QUOTE_NEEDS_APPROVAL: {
    'zh-CN': '此报价需要总部价格，须先经主管批准才能发送给客户。',
    'en-US': "This quotation needs headquarters' price: a supervisor approves it before it is sent.",
  },
  QUOTE_TRANSITION_INVALID: {
    'zh-CN': '报价单当前状态不允许此操作。允许的操作：{allowed}',
    'en-US': 'The quotation does not allow this in its current state. Allowed: {allowed}',
  },
  INVOICE_BEFORE_ACCEPTANCE: {
    'zh-CN': '客户验收确认之前不能开具服务销售发票。',
    'en-US': 'The service invoice is written only after the customer has accepted the visit.',
  },
  INVOICE_ALREADY_ISSUED: {
    'zh-CN': '此报价单的服务销售发票已开具，不能重复开具。',
    'en-US': 'The service invoice of this quotation has already been written.',
  },
  ...claimRefusalMessages(),
  ...qualityMessages(),
  PHRASE_FORBIDDEN: {
    'zh-CN': '回复中含有服务忌语：{phrases}。请修改后再发送。',
    'en-US': 'The reply contains forbidden phrases: {phrases}. Please rephrase it before sending.',
  },
};

/** The claims core's refusals, worded once in domain/claims/labels.ts; the out-of-validity one names its last day. */
function claimRefusalMessages() {
  // English messages are plain ASCII (http/locale.test.ts): the labels' typographic apostrophe becomes '.
  const sentence = (text: string, locale: Locale) => (locale === 'zh-CN' ? `${text}。` : `${text.replace(/’/g, "'")}.`);
  const out = {} as Record<keyof typeof CLAIM_REFUSAL_LABELS, Record<Locale, string>>;
  for (const [code, label] of Object.entries(CLAIM_REFUSAL_LABELS) as [keyof typeof CLAIM_REFUSAL_LABELS, Record<Locale, string>][]) {
    out[code] = { 'zh-CN': sentence(label['zh-CN'], 'zh-CN'), 'en-US': sentence(label['en-US'], 'en-US') };
  }
  out.CLAIM_OUT_OF_VALIDITY = {
    'zh-CN': '已超过理赔受理期限（最晚可于 {validUntil} 申请）。',
    'en-US': 'Past the period claims are accepted in (the last day was {validUntil}).',
  };
  return out;
}

/** The quality checks' refusals, worded in domain/quality/errors.ts. */
function qualityMessages() {
  const out = {} as Record<QualityErrorCode, Record<Locale, string>>;
  for (const [code, e] of Object.entries(QUALITY_ERRORS) as [QualityErrorCode, (typeof QUALITY_ERRORS)[QualityErrorCode]][]) out[code] = { 'zh-CN': e['zh-CN'], 'en-US': e['en-US'] };
  return out;
}

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  return ERROR_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
