/**
 * Scan texts the way carriers word them. Two house styles: the bracketed one of most network
 * carriers (【杭州市】快件已到达【杭州转运中心】) and the plainer one of direct-run carriers
 * (快件到达【杭州转运中心】). Texts never mention the time: the event carries it.
 */
import { maskedPhone, type Courier } from './people.js';

export type TextStyle = 'bracket' | 'plain';

export class ScanTexts {
  constructor(private readonly style: TextStyle) {}

  private at(city: string): string {
    return this.style === 'bracket' ? `【${city}】` : '';
  }

  private phoneOf(courier: Courier): string {
    return maskedPhone(courier.phone);
  }

  ordered(city: string, contents: string): string {
    return this.style === 'bracket' ? `${this.at(city)}您的快件（${contents}）已下单，等待快递员揽收` : `已下单（${contents}），等待快递员上门收件`;
  }

  pickupScheduled(city: string, courier: Courier): string {
    return `${this.at(city)}已为您安排快递员${courier.callName}上门揽收，电话 ${this.phoneOf(courier)}，请保持电话畅通`;
  }

  pickedUp(city: string, site: string, courier: Courier): string {
    return this.style === 'bracket'
      ? `${this.at(city)}【${site}】的快递员${courier.callName}（${this.phoneOf(courier)}）已揽收`
      : `快递员 ${courier.name} 已收取快件（${site}）`;
  }

  departed(city: string, from: string, next: string): string {
    return this.style === 'bracket' ? `${this.at(city)}快件已从【${from}】发出，下一站【${next}】` : `快件在【${from}】完成分拣，准备发往【${next}】`;
  }

  arrived(city: string, at: string): string {
    return this.style === 'bracket' ? `${this.at(city)}快件已到达【${at}】` : `快件到达【${at}】`;
  }

  arrivedAtSite(city: string, site: string): string {
    return this.style === 'bracket' ? `${this.at(city)}快件已到达【${site}】，正在安排派送` : `快件到达【${site}】，准备派送`;
  }

  customsPending(city: string, port: string): string {
    return `${this.at(city)}快件已到达【${port}】，正在办理清关手续`;
  }

  customsCleared(city: string, next: string): string {
    return `${this.at(city)}快件已清关放行，发往【${next}】`;
  }

  outForDelivery(city: string, site: string, courier: Courier): string {
    return this.style === 'bracket'
      ? `${this.at(city)}【${site}】快递员${courier.callName}正在派件，电话 ${this.phoneOf(courier)}，请保持电话畅通`
      : `快件交给${courier.name}，正在派送途中（联系电话：${this.phoneOf(courier)}）`;
  }

  redelivery(city: string, courier: Courier): string {
    return `${this.at(city)}快递员${courier.callName}正在为您再次派送，电话 ${this.phoneOf(courier)}`;
  }

  signedSelf(city: string): string {
    return this.style === 'bracket' ? `${this.at(city)}已签收，签收人：本人。感谢使用，期待再次为您服务` : '快件已签收，签收人：本人';
  }

  signedByProxy(city: string, who: string, courier: Courier): string {
    return `${this.at(city)}已签收，签收人：${who}代收。如有疑问请联系快递员${courier.callName}，电话 ${this.phoneOf(courier)}`;
  }

  inLocker(city: string, locker: string, code: string, courier: Courier): string {
    return `${this.at(city)}您的快件已投递至【${locker}】，请凭取件码 ${code} 及时取件。如有疑问请联系快递员${courier.callName}，电话 ${this.phoneOf(courier)}`;
  }

  takenFromLocker(city: string, locker: string): string {
    return `${this.at(city)}您的快件已从【${locker}】取出，已签收。感谢使用，期待再次为您服务`;
  }

  atStation(city: string, station: string, code: string): string {
    return `${this.at(city)}您的快件已到达【${station}】，请凭取件码 ${code} 及时取件，营业时间 8:00-21:00`;
  }

  takenFromStation(city: string, station: string): string {
    return `${this.at(city)}您的快件已在【${station}】取件签收，感谢使用`;
  }

  signedDamaged(city: string): string {
    return `${this.at(city)}异常签收：收件人当面验货发现外包装破损，已签收并登记破损情况`;
  }

  damaged(city: string, at: string): string {
    return `${this.at(city)}快件在【${at}】发现外包装破损，已拍照留存并加固包装`;
  }

  attemptFailed(city: string, courier: Courier, reason: string, again: boolean): string {
    const next = again ? '，将再次派送' : '';
    return `${this.at(city)}快递员${courier.callName}派件未成功，原因：${reason}${next}。电话 ${this.phoneOf(courier)}`;
  }

  refused(city: string, reason: string): string {
    return `${this.at(city)}收件人拒收，原因：${reason}，快件将退回寄件人`;
  }

  returnStarted(city: string, reason: string): string {
    return `${this.at(city)}快件已安排退回，正在返回寄件人，退回原因：${reason}`;
  }

  returnArrived(city: string, at: string): string {
    return `${this.at(city)}退回件已到达【${at}】`;
  }

  returnDeparted(city: string, from: string, next: string): string {
    return `${this.at(city)}退回件已从【${from}】发出，下一站【${next}】`;
  }

  returnAtSite(city: string, site: string): string {
    return `${this.at(city)}退回件已到达【${site}】，正在派送给寄件人`;
  }

  returnedToSender(city: string): string {
    return `${this.at(city)}退回件已签收，签收人：寄件人本人`;
  }
}
