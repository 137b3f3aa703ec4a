import { format, type Locale, type Localized } from '../../../platform/i18n.js';
import type { RequesterState } from './state/requester.js';
import type { Reason } from './state/types.js';
import type { SupplierState } from './state/supplier.js';

/**
 * What the ILL domain says to people, in zh-CN and en: refusals of the state machines, the rota's
 * reasons for ranking and excluding lenders, eligibility, and the names of states, actions and
 * regions those texts mention. Codes are stable (clients and logs match on them); `{name}`
 * placeholders are filled from the reason's params (src/platform/i18n.ts `format`).
 */
export const illMessages = {
  // --- State machines: refusals.
  ILL_UNKNOWN_STATE: { en: 'The request is in a state this side does not know ({state}).', 'zh-CN': '请求处于本方未知的状态（{state}）。' },
  ILL_UNKNOWN_ACTION: { en: 'There is no action “{action}”.', 'zh-CN': '没有“{action}”这一操作。' },
  ILL_ACTION_NOT_ALLOWED: { en: '“{action}” is not possible while the request is {state}.', 'zh-CN': '请求处于“{state}”时不能执行“{action}”。' },
  ILL_REQUEST_CLOSED: { en: 'The request is {state}; “{action}” is no longer possible.', 'zh-CN': '请求处于“{state}”状态，不能再执行“{action}”。' },
  ILL_ACTOR_NOT_ALLOWED: { en: '“{action}” cannot be done by {actor}.', 'zh-CN': '“{action}”不能由{actor}执行。' },
  ILL_WRONG_SERVICE: { en: '“{action}” belongs to the other kind of request, not to a {service}.', 'zh-CN': '“{action}”不适用于{service}请求。' },
  ILL_MESSAGE_NOT_EXPECTED: { en: 'The partner library sent {message}, which does not fit a request that is {state}.', 'zh-CN': '合作馆发来的 {message} 与处于“{state}”的请求不符。' },
  ILL_PEER_VERSION: { en: 'The partner library speaks ISO 18626 {version}, which has no {message}.', 'zh-CN': '合作馆使用 ISO 18626 {version} 版，该版本没有 {message}。' },
  ILL_NOT_ELIGIBLE: { en: 'The request has not passed the eligibility check.', 'zh-CN': '该请求未通过资格审核。' },
  ILL_ROTA_EXHAUSTED: { en: 'No lender is left to try.', 'zh-CN': '已没有可尝试的出借馆。' },
  ILL_LENDERS_REMAIN: { en: 'There are still lenders to try.', 'zh-CN': '仍有可尝试的出借馆。' },
  ILL_NO_UPPER_TIER: { en: 'There is no upper-tier service to pass the request to.', 'zh-CN': '没有可转交请求的上级服务。' },
  ILL_RETURN_ON_HOLD: { en: 'The lender has asked us to hold the item; do not return it yet.', 'zh-CN': '出借馆要求暂缓归还，请先保留该文献。' },
  ILL_RETURN_NOT_HELD: { en: 'The return is not on hold.', 'zh-CN': '归还未被暂缓。' },
  ILL_NO_RENEWALS_LEFT: { en: 'No renewals are left ({allowed} allowed).', 'zh-CN': '续借次数已用完（最多 {allowed} 次）。' },
  ILL_NOT_OVERDUE: { en: 'The item is not overdue (due {dueDate}).', 'zh-CN': '该文献尚未逾期（应还日期 {dueDate}）。' },
  ILL_OVERDUE: { en: 'The item is overdue (due {dueDate}).', 'zh-CN': '该文献已逾期（应还日期 {dueDate}）。' },
  ILL_REASON_REQUIRED: { en: 'Say why the request cannot be supplied.', 'zh-CN': '请说明无法提供的原因。' },
  ILL_DUE_DATE_REQUIRED: { en: 'A due date is needed.', 'zh-CN': '需要填写应还日期。' },
  ILL_CONDITIONS_REQUIRED: { en: 'Name the conditions or costs to offer.', 'zh-CN': '请填写所提出的条件或费用。' },
  ILL_COPY_NOT_UPLOADED: { en: 'Upload the scan before delivering the copy.', 'zh-CN': '请先上传扫描件再传递复制件。' },
  ILL_FORWARD_TARGET_REQUIRED: { en: 'Name the library the item goes on to.', 'zh-CN': '请填写文献转寄的图书馆。' },
  ILL_ANSWERED_ALREADY: { en: 'The borrower has been told already that we will supply.', 'zh-CN': '已告知请求馆将提供该文献。' },
  ILL_NOT_STALE: { en: 'The lender still has time to answer.', 'zh-CN': '出借馆的答复期限未到。' },
  ILL_NOTE_REQUIRED: { en: 'The note is empty.', 'zh-CN': '备注为空。' },
  ILL_NOTHING_TO_UNDO: { en: 'There is nothing to undo.', 'zh-CN': '没有可撤销的操作。' },
  ILL_UNDO_NOT_STAFF: { en: 'The last step ({transition}) was not taken by staff and cannot be undone.', 'zh-CN': '最后一步（{transition}）不是由馆员执行的，不能撤销。' },
  ILL_UNDO_NOT_SAFE: { en: '“{transition}” has been seen outside the library (a message or a notice) and cannot be undone.', 'zh-CN': '“{transition}”已发出消息或通知，不能撤销。' },

  // --- Rota: why a lender stands where it stands.
  ILL_ROTA_SERVICE_LOAN: { en: 'Lends the item.', 'zh-CN': '可外借原件。' },
  ILL_ROTA_SERVICE_COPY: { en: 'Supplies a copy.', 'zh-CN': '可提供复制件。' },
  ILL_ROTA_SAME_CITY: { en: 'In the same city ({city}).', 'zh-CN': '同城（{city}）。' },
  ILL_ROTA_SAME_PROVINCE: { en: 'In the same province ({province}).', 'zh-CN': '同省（{province}）。' },
  ILL_ROTA_SAME_ALLIANCE: { en: 'In the same alliance ({alliance}).', 'zh-CN': '同一联盟（{alliance}）。' },
  ILL_ROTA_SAME_REGION: { en: 'In the same region ({region}).', 'zh-CN': '同一地区（{region}）。' },
  ILL_ROTA_NATIONAL: { en: 'Elsewhere in the national network.', 'zh-CN': '全国网络内的其他地区。' },
  ILL_ROTA_OUTSIDE_NETWORK: { en: 'Outside the alliance network.', 'zh-CN': '联盟网络以外。' },
  ILL_ROTA_AVAILABLE: { en: 'A copy is on the shelf.', 'zh-CN': '有在架复本。' },
  ILL_ROTA_REFERENCE_COPY: { en: 'A reference-only copy, which can be copied from.', 'zh-CN': '仅限馆内阅览的复本，可复制。' },
  ILL_ROTA_E_COPY: { en: 'An electronic copy whose licence allows ILL.', 'zh-CN': '电子版，许可允许馆际互借。' },
  ILL_ROTA_LICENCE_UNKNOWN: { en: 'An electronic copy; whether its licence allows ILL is not known — check before supplying.', 'zh-CN': '电子版，许可是否允许馆际互借未知，提供前请核实。' },
  ILL_ROTA_IN_TRANSIT: { en: 'The copy is in transit.', 'zh-CN': '复本在途中。' },
  ILL_ROTA_ON_LOAN: { en: 'On loan, with no due date known.', 'zh-CN': '已借出，应还日期未知。' },
  ILL_ROTA_ON_LOAN_UNTIL: { en: 'On loan until {dueDate}.', 'zh-CN': '已借出，{dueDate} 到期。' },
  ILL_ROTA_OTHER_EDITION: { en: 'Another edition (any edition will do).', 'zh-CN': '其他版本（不限版本）。' },
  ILL_ROTA_LOAD: { en: 'Lent {lent} and borrowed {borrowed} (target ratio {target} : 1).', 'zh-CN': '借出 {lent} 次、借入 {borrowed} 次（目标比例 {target} : 1）。' },
  ILL_ROTA_LOAD_UNKNOWN: { en: 'No lending and borrowing counts yet.', 'zh-CN': '尚无借出借入统计。' },
  ILL_ROTA_FILL_RATE: { en: 'Filled {percent}% of {requests} requests.', 'zh-CN': '{requests} 个请求中满足了 {percent}%。' },
  ILL_ROTA_FILL_RATE_UNKNOWN: { en: 'No fill rate yet.', 'zh-CN': '尚无满足率记录。' },
  ILL_ROTA_TURNAROUND_MEASURED: { en: 'Ships in {days} working days on average.', 'zh-CN': '平均 {days} 个工作日发出。' },
  ILL_ROTA_TURNAROUND_COMMITTED: { en: 'Committed to {days} working days by agreement {agreement}.', 'zh-CN': '按协议 {agreement} 承诺 {days} 个工作日内处理。' },
  ILL_ROTA_TURNAROUND_UNKNOWN: { en: 'Turnaround not known; {days} working days assumed.', 'zh-CN': '处理时长未知，按 {days} 个工作日估计。' },
  ILL_ROTA_FREE: { en: 'No fee.', 'zh-CN': '免费。' },
  ILL_ROTA_FEES_WAIVED: { en: 'Fees waived by agreement {agreement}.', 'zh-CN': '按协议 {agreement} 免收费用。' },
  ILL_ROTA_COST: { en: 'Costs {amount} {currency}.', 'zh-CN': '费用 {amount} {currency}。' },
  ILL_ROTA_COST_SUBSIDISED: {
    en: 'Costs {amount} {currency}: fee {fee}, {percent}% subsidised under agreement {agreement}.',
    'zh-CN': '费用 {amount} {currency}：收费 {fee}，按协议 {agreement} 补贴 {percent}%。',
  },

  // --- Rota: why a library is left out.
  ILL_ROTA_IS_BORROWER: { en: 'It is the borrowing library itself.', 'zh-CN': '即为请求馆本身。' },
  ILL_ROTA_ALREADY_TRIED: { en: 'Already tried for this request and could not supply.', 'zh-CN': '本请求已向该馆发出过，未能满足。' },
  ILL_ROTA_CLOSED_UNTIL: { en: 'Closed until {until}.', 'zh-CN': '闭馆至 {until}。' },
  ILL_ROTA_NO_LOANS: { en: 'Does not lend returnables.', 'zh-CN': '不外借原件。' },
  ILL_ROTA_NO_COPIES: { en: 'Does not supply copies.', 'zh-CN': '不提供复制件。' },
  ILL_ROTA_MATERIAL_EXCLUDED: { en: 'Its lending policy excludes {materialType}.', 'zh-CN': '其借阅政策不外借{materialType}类文献。' },
  ILL_ROTA_NO_HOLDINGS: { en: 'Holds no copy.', 'zh-CN': '无馆藏复本。' },
  ILL_ROTA_COPY_MISSING: { en: 'Its copy is missing or lost.', 'zh-CN': '其复本丢失或下落不明。' },
  ILL_ROTA_COPY_UNAVAILABLE: { en: 'Its copy is not available (on order, at the bindery or withdrawn).', 'zh-CN': '其复本暂不可用（订购中、装订中或已剔除）。' },
  ILL_ROTA_REFERENCE_ONLY: { en: 'Its copy is for reference only and cannot be lent.', 'zh-CN': '其复本仅限馆内阅览，不外借。' },
  ILL_ROTA_E_COPY_NOT_LOANABLE: { en: 'Its copy is electronic and cannot be lent.', 'zh-CN': '其复本为电子版，不能外借。' },
  ILL_ROTA_LICENCE_FORBIDS_ILL: { en: 'The licence of its electronic copy forbids ILL.', 'zh-CN': '其电子版的许可禁止馆际互借。' },
  ILL_ROTA_WRONG_EDITION: { en: 'It holds another edition only.', 'zh-CN': '仅有其他版本。' },
  ILL_ROTA_DUE_TOO_LATE: { en: 'On loan until {dueDate}, after the date needed ({neededBy}).', 'zh-CN': '已借出至 {dueDate}，晚于需要日期（{neededBy}）。' },

  // --- Eligibility.
  ILL_ELIG_READER_BLOCKED: { en: 'Your library ({library}) has blocked your account: ask it before placing interlibrary requests.', 'zh-CN': '您所在的图书馆（{library}）已暂停您的账户，请先与该馆联系再提交馆际互借请求。' },
  ILL_ELIG_CATEGORY_BLOCKED: { en: 'Readers of the category “{category}” cannot place interlibrary requests.', 'zh-CN': '“{category}”类读者不能提交馆际互借请求。' },
  ILL_ELIG_SERVICE_NOT_ALLOWED: { en: 'Readers of the category “{category}” cannot request a {service}.', 'zh-CN': '“{category}”类读者不能申请{service}。' },
  ILL_ELIG_MATERIAL_NOT_ALLOWED: { en: 'Readers of the category “{category}” cannot request {materialType}.', 'zh-CN': '“{category}”类读者不能申请{materialType}类文献。' },
  ILL_ELIG_TOO_MANY_OPEN: { en: 'You have {open} open requests; at most {max} are allowed.', 'zh-CN': '您已有 {open} 个未完成的请求，最多允许 {max} 个。' },
  ILL_ELIG_NEEDED_BY_PAST: { en: 'The date needed ({neededBy}) has passed.', 'zh-CN': '需要日期（{neededBy}）已过。' },
  ILL_ELIG_DUPLICATE: { en: 'You requested this already ({request}, {createdAt}).', 'zh-CN': '您已申请过该文献（{request}，{createdAt}）。' },
  ILL_ELIG_OWN_COPY_AVAILABLE: { en: 'Your own library ({library}) has a copy on the shelf.', 'zh-CN': '本馆（{library}）有在架复本。' },
} as const satisfies Record<string, Localized>;

export type IllMessageCode = keyof typeof illMessages;

/** The states' names, as desks and the reader's timeline show them. */
export const stateLabels: Record<RequesterState | SupplierState, Localized> = {
  new: { en: 'new', 'zh-CN': '新建' },
  validated: { en: 'validated', 'zh-CN': '已审核' },
  'copyright-clearance': { en: 'awaiting copyright clearance', 'zh-CN': '待版权审核' },
  sourcing: { en: 'choosing a lender', 'zh-CN': '选择出借馆中' },
  sent: { en: 'sent to a lender', 'zh-CN': '已发送至出借馆' },
  'expects-to-supply': { en: 'lender expects to supply', 'zh-CN': '出借馆预计可提供' },
  'will-supply': { en: 'lender will supply', 'zh-CN': '出借馆将提供' },
  'conditional-answer': { en: 'conditions offered', 'zh-CN': '出借馆提出条件' },
  shipped: { en: 'shipped', 'zh-CN': '已寄出' },
  received: { en: 'received', 'zh-CN': '已收到' },
  'checked-out': { en: 'checked out to the reader', 'zh-CN': '已借给读者' },
  overdue: { en: 'overdue', 'zh-CN': '已逾期' },
  recalled: { en: 'recalled', 'zh-CN': '已召回' },
  'renew-requested': { en: 'renewal requested', 'zh-CN': '已申请续借' },
  'returned-by-reader': { en: 'returned by the reader', 'zh-CN': '读者已归还' },
  'shipped-back': { en: 'shipped back', 'zh-CN': '已寄还' },
  lost: { en: 'reported lost', 'zh-CN': '已报失' },
  completed: { en: 'completed', 'zh-CN': '已完成' },
  unfilled: { en: 'unfilled', 'zh-CN': '未满足' },
  'end-of-rota': { en: 'no lender left', 'zh-CN': '候选馆已用尽' },
  'cancel-pending': { en: 'cancellation asked', 'zh-CN': '取消待确认' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  'awaiting-conditions': { en: 'awaiting the answer to our conditions', 'zh-CN': '等待对方答复条件' },
  'awaiting-pull-slip': { en: 'awaiting the pull slip', 'zh-CN': '待打印取书单' },
  'awaiting-picking': { en: 'awaiting picking', 'zh-CN': '待取书' },
  'awaiting-shipping': { en: 'awaiting shipping', 'zh-CN': '待寄送' },
  'copy-delivered': { en: 'copy delivered', 'zh-CN': '复制件已传递' },
  'awaiting-return': { en: 'awaiting return', 'zh-CN': '待归还' },
  'renew-pending': { en: 'renewal to decide', 'zh-CN': '续借待处理' },
  returned: { en: 'returned, to check in', 'zh-CN': '已寄还待入库' },
};

/** The desk and timer actions of both machines, for buttons and for the `action` parameter. */
export const actionLabels: Record<string, Localized> = {
  'validate': { en: 'validate', 'zh-CN': '审核' },
  'start-sourcing': { en: 'choose lenders', 'zh-CN': '选择出借馆' },
  'hold-for-copyright': { en: 'hold for copyright clearance', 'zh-CN': '转版权审核' },
  'clear-copyright': { en: 'clear for copyright', 'zh-CN': '版权审核通过' },
  'refuse-copyright': { en: 'refuse for copyright', 'zh-CN': '因版权拒绝' },
  'send-to-lender': { en: 'send to the next lender', 'zh-CN': '发送至下一出借馆' },
  'rota-exhausted': { en: 'end the rota', 'zh-CN': '候选馆已用尽' },
  're-source': { en: 'choose lenders again', 'zh-CN': '重新选择出借馆' },
  'escalate': { en: 'pass to the upper tier', 'zh-CN': '转交上级服务' },
  'close-unfilled': { en: 'close as unfilled', 'zh-CN': '以未满足结束' },
  'cancel': { en: 'cancel', 'zh-CN': '取消' },
  'accept-conditions': { en: 'accept the conditions', 'zh-CN': '接受条件' },
  'reject-conditions': { en: 'reject the conditions', 'zh-CN': '拒绝条件' },
  'stale': { en: 'give up on the lender', 'zh-CN': '放弃当前出借馆' },
  'receive': { en: 'receive', 'zh-CN': '收到' },
  'check-out': { en: 'check out to the reader', 'zh-CN': '借给读者' },
  'renew': { en: 'renew', 'zh-CN': '续借' },
  'mark-overdue': { en: 'mark overdue', 'zh-CN': '标记逾期' },
  'hold-return': { en: 'hold the return', 'zh-CN': '暂缓归还' },
  'return-from-reader': { en: 'returned by the reader', 'zh-CN': '读者归还' },
  'ship-back': { en: 'ship back', 'zh-CN': '寄还' },
  'ship-forward': { en: 'ship on to the next borrower', 'zh-CN': '转寄下一借入馆' },
  'report-lost': { en: 'report lost', 'zh-CN': '报失' },
  'deliver-to-reader': { en: 'deliver to the reader', 'zh-CN': '传递给读者' },
  'status-request': { en: 'ask for the status', 'zh-CN': '查询状态' },
  'send-note': { en: 'send a note', 'zh-CN': '发送留言' },
  'add-note': { en: 'add a note', 'zh-CN': '添加备注' },
  'expect-to-supply': { en: 'expect to supply', 'zh-CN': '预计可提供' },
  'will-supply': { en: 'will supply', 'zh-CN': '将提供' },
  'confirm-will-supply': { en: 'confirm we will supply', 'zh-CN': '确认将提供' },
  'cannot-supply': { en: 'cannot supply', 'zh-CN': '无法提供' },
  'offer-conditions': { en: 'offer conditions', 'zh-CN': '提出条件' },
  'print-pull-slip': { en: 'print the pull slip', 'zh-CN': '打印取书单' },
  'mark-picked': { en: 'mark picked', 'zh-CN': '标记已取书' },
  'ship': { en: 'ship', 'zh-CN': '寄出' },
  'assume-received': { en: 'treat as received', 'zh-CN': '视为已收到' },
  'recall': { en: 'recall', 'zh-CN': '召回' },
  'approve-renew': { en: 'approve the renewal', 'zh-CN': '同意续借' },
  'deny-renew': { en: 'deny the renewal', 'zh-CN': '拒绝续借' },
  'release-hold-return': { en: 'release the hold on return', 'zh-CN': '解除暂缓归还' },
  'check-in': { en: 'check in', 'zh-CN': '归还入库' },
  'complete-without-return': { en: 'complete without return', 'zh-CN': '不归还结束' },
  'deliver-copy': { en: 'deliver the copy', 'zh-CN': '传递复制件' },
  'close': { en: 'close', 'zh-CN': '结束' },
};

/** The region keys of rota/tiers.ts. */
export const regionNames: Record<string, Localized> = {
  north: { en: 'North China', 'zh-CN': '华北' },
  northeast: { en: 'Northeast China', 'zh-CN': '东北' },
  east: { en: 'East China', 'zh-CN': '华东' },
  central: { en: 'Central China', 'zh-CN': '华中' },
  south: { en: 'South China', 'zh-CN': '华南' },
  southwest: { en: 'Southwest China', 'zh-CN': '西南' },
  northwest: { en: 'Northwest China', 'zh-CN': '西北' },
};

const actorNames: Record<string, Localized> = {
  staff: { en: 'staff', 'zh-CN': '馆员' },
  reader: { en: 'reader', 'zh-CN': '读者' },
  system: { en: 'the system', 'zh-CN': '系统' },
  peer: { en: 'the partner library', 'zh-CN': '合作馆' },
};

const serviceNames: Record<string, Localized> = {
  loan: { en: 'loan', 'zh-CN': '借阅' },
  copy: { en: 'copy', 'zh-CN': '复制' },
  either: { en: 'loan or copy', 'zh-CN': '借阅或复制' },
};

/** Names the directory knows (provinces, libraries, alliances), supplied by the caller. */
export interface NameResolver {
  province?: (code: string) => string | undefined;
  library?: (symbol: string) => string | undefined;
  alliance?: (code: string) => string | undefined;
}

/**
 * A reason as a sentence in the reader's or librarian's language. Parameters that are codes of
 * this domain (state, region, service) are put into words; directory names come from `names`.
 * An unknown code (a newer peer's, say) is shown as the code itself, never dropped.
 */
export function illMessage(reason: Reason, locale: Locale, names: NameResolver = {}): string {
  const text = (illMessages as Record<string, Localized>)[reason.code];
  if (!text) return reason.code;
  const p: Record<string, unknown> = { ...reason.params };
  const word = (table: Record<string, Localized>, key: string) => {
    const v = p[key];
    if (typeof v === 'string' && table[v]) p[key] = table[v][locale];
  };
  word(stateLabels, 'state');
  word(actionLabels, 'action');
  word(actorNames, 'actor');
  word(regionNames, 'region');
  word(serviceNames, 'service');
  for (const [key, resolve] of [['province', names.province], ['library', names.library], ['alliance', names.alliance]] as const) {
    const v = p[key];
    const named = typeof v === 'string' ? resolve?.(v) : undefined;
    if (named) p[key] = named;
  }
  return format(text[locale], p);
}
