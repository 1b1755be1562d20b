/**
 * The standard satisfaction questionnaire (标准满意度问卷) the console offers and the demo sends: one
 * question of each kind the results score (NPS, CSAT, CES), what the customer chooses a carrier
 * for (price, speed, safety — the choice factors of docs/product.md §5) and a comment.
 */
import type { Question } from './surveys.js';

export const STANDARD_QUESTIONNAIRE: { title: string; questions: Question[] } = {
  title: '标准满意度问卷',
  questions: [
    { id: 'nps', kind: 'nps', required: true, text: { 'zh-CN': '您有多大可能向朋友或同事推荐我们的快递服务？', 'en-US': 'How likely are you to recommend our delivery service to a friend or colleague?' } },
    { id: 'csat', kind: 'csat', required: true, text: { 'zh-CN': '总体而言，您对我们的服务满意吗？', 'en-US': 'Overall, how satisfied are you with our service?' } },
    { id: 'ces', kind: 'ces', required: false, text: { 'zh-CN': '寄件、查件和联系客服是否方便？', 'en-US': 'How easy was it to send, track and reach customer service?' } },
    {
      id: 'factor',
      kind: 'single',
      required: false,
      text: { 'zh-CN': '选择快递时，您最看重什么？', 'en-US': 'What matters most to you when choosing a carrier?' },
      options: [
        { id: 'price', label: { 'zh-CN': '价格', 'en-US': 'Price' } },
        { id: 'speed', label: { 'zh-CN': '时效', 'en-US': 'Speed' } },
        { id: 'safety', label: { 'zh-CN': '安全', 'en-US': 'Safety' } },
        { id: 'service', label: { 'zh-CN': '服务态度', 'en-US': 'Service' } },
      ],
    },
    { id: 'comment', kind: 'text', required: false, maxLength: 500, text: { 'zh-CN': '您对我们还有什么意见或建议？', 'en-US': 'Anything else you would like to tell us?' } },
  ],
};
