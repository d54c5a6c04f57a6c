# 简体中文。
# 称呼：统一使用敬称“您”；语气礼貌、简洁。中文与数字、拉丁字母之间加空格。

## 语言

language-name = 简体中文
language-switcher-label = 语言
language-switcher-button = 切换语言

## 框架

skip-to-content = 跳到正文
portal-title = 账单
nav-label = 账单
nav-overview = 概览
nav-invoices = 发票
nav-billing-details = 账单信息
return-to = 返回 { $tenant }
contact-support = 联系客服
signed-in-as = 当前登录：{ $customer }

## 着陆页、失效链接、新链接

landing-title = 打开您的账单页面
landing-body = 为了您的安全，请点击“继续”打开账单页面。
landing-button = 继续
gone-title = 此链接已失效
gone-body = 账单页面链接只能使用一次，并会在短时间后过期。我们可以通过电子邮件向您发送新链接。
gone-email-button = 通过电子邮件发送新链接
back-to = 返回 { $tenant }
relink-sent-title = 请查收电子邮件
relink-sent-body = 如果此账户登记了电子邮件地址，新链接已在发送途中，可能需要几分钟才能送达。

## 电子邮件

email-greeting = 您好：
relink-email-subject = 您的 { $tenant } 账单链接
relink-email-intro = 这是您管理 { $tenant } 账单的新链接：
relink-email-outro = 此链接只能使用一次，且即将过期。如果这不是您本人申请的，请忽略此邮件。
email-changed-subject = 您的 { $tenant } 账单邮箱已更改
email-changed-body = 您的 { $tenant } 账户的账单邮箱刚刚更改为 { $address }。今后发票和收据将发送到该邮箱。
email-changed-warning = 如果此更改并非您本人所为，请立即联系 { $tenant }。
mail-cancel-scheduled-subject = 您的 { $tenant } { $plan } 套餐将被取消
mail-cancel-scheduled-ends = 您的 { $plan } 套餐将于 { $date } 取消。
mail-cancel-scheduled-keep = 在此之前您仍可使用 { $plan }，之后不会再产生扣款。
mail-cancel-scheduled-renew = 改变主意了？在该日期之前，您可以一键续订。
mail-cancel-ended-subject = 您的 { $tenant } { $plan } 套餐已结束
mail-cancel-ended-body = 您的 { $plan } 套餐已于 { $date } 结束，之后不会再产生扣款。
mail-cancel-ended-welcome = 欢迎您随时回来。
mail-cancel-undone-subject = 您的 { $tenant } { $plan } 套餐将继续
mail-cancel-undone-body = 您的 { $plan } 套餐已不再计划取消，将照常续订。
mail-paused-subject = 您的 { $tenant } { $plan } 套餐已暂停
mail-paused-until = 您的 { $plan } 套餐已暂停至 { $date }。暂停期间不会扣款。
mail-paused = 您的 { $plan } 套餐已暂停。暂停期间不会扣款。
mail-resumed-subject = 您的 { $tenant } { $plan } 套餐已恢复
mail-resumed-body = 您的 { $plan } 套餐已恢复，并将照常计费。
mail-portal-link-intro = 您可以在这里管理 { $tenant } 的账单：
mail-portal-link-text = 打开账单门户
mail-link-expired-hint = 如果链接已过期，请照常打开，然后选择“通过电子邮件发送新链接”。

## 取消页面

cancel-plan = 取消套餐
cancel-title = 取消 { $plan }
cancel-ends-on = 您的套餐将于 { $date } 结束，在此之前您仍可使用 { $plan }，之后不会再产生扣款。
cancel-ends-now = 立即结束：{ $plan } 将马上停止，之后不会再产生扣款。
cancel-confirm = 确认取消
reason-legend = 您为什么要取消？（选填）
reason-label =
    { $reason ->
        [too_expensive] 价格太高
        [missing_features] 缺少所需功能
        [switched_service] 已改用其他服务
        [unused] 使用得不多
        [customer_service] 客户服务未达预期
        [too_complex] 使用太复杂
        [low_quality] 质量未达预期
       *[other] 其他原因
    }
comment-label = 还有什么想告诉我们的吗？（选填）
pause-heading = 想先暂停一段时间吗？
pause-until-label = 恢复日期
pause-option = { $days } 天后（{ $date }）
pause-button = 改为暂停
renew-button = 续订
resume-button = 恢复
keep-plan = 保留我的套餐
action-failed = 操作未成功，没有任何更改。请重试。
action-maybe-changed = 操作未成功，部分内容可能已保存。重试前请先核对下方信息。

## 订阅

subscriptions-heading = 订阅
no-subscriptions = 您没有有效的订阅。
subscription-status =
    { $status ->
        [trialing] 试用中
        [active] 有效
        [past_due] 逾期未付
        [paused] 已暂停
        [unpaid] 未支付
        [incomplete] 未完成
        [incomplete_expired] 已过期
        [canceled] 已取消
       *[other] 未知
    }
cancels-on = 将于 { $date } 取消
trial-ends-on = 试用期于 { $date } 结束
paused-until = 暂停至 { $date }
price-per =
    { $count ->
        [1]
            { $interval ->
                [day] 每天 { $amount }
                [week] 每周 { $amount }
                [month] 每月 { $amount }
                [year] 每年 { $amount }
               *[other] 每个周期 { $amount }
            }
       *[other]
            { $interval ->
                [day] 每 { $count } 天 { $amount }
                [week] 每 { $count } 周 { $amount }
                [month] 每 { $count } 个月 { $amount }
                [year] 每 { $count } 年 { $amount }
               *[other] 每 { $count } 个周期 { $amount }
            }
    }
price-metered =
    { $count ->
        [1]
            { $interval ->
                [day] 每使用一个单位 { $amount }，按天计费
                [week] 每使用一个单位 { $amount }，按周计费
                [month] 每使用一个单位 { $amount }，按月计费
                [year] 每使用一个单位 { $amount }，按年计费
               *[other] 每使用一个单位 { $amount }，按周期计费
            }
       *[other]
            { $interval ->
                [day] 每使用一个单位 { $amount }，每 { $count } 天计费一次
                [week] 每使用一个单位 { $amount }，每 { $count } 周计费一次
                [month] 每使用一个单位 { $amount }，每 { $count } 个月计费一次
                [year] 每使用一个单位 { $amount }，每 { $count } 年计费一次
               *[other] 每使用一个单位 { $amount }，每 { $count } 个周期计费一次
            }
    }
price-tiered = 阶梯定价
quantity = × { $quantity }
unnamed-plan = 套餐
items-label = 套餐项目

## 付款方式

payment-method-heading = 付款方式
card-ending = 尾号为 { $last4 } 的 { $brand }
card-expires = 有效期至 { $month }/{ $year }
no-payment-method = 尚未登记付款方式。
update-card = 更换银行卡
add-card = 添加银行卡
update-card-intro = 您将在安全的付款页面输入新卡，完成后直接返回此处。新卡将用于您的所有订阅。
card-updated = 您的银行卡已更新，现用于您的所有订阅。
card-not-updated = 您的银行卡未更改。如果您已在付款页面完成操作，可能需要片刻才会在此显示。
past-due-notice = 此套餐的上一笔付款失败，现已逾期。请支付未付发票或更换银行卡。
pay-open-invoice = 支付未付发票
card-brand =
    { $brand ->
        [visa] Visa
        [mastercard] Mastercard
        [amex] 美国运通
        [discover] Discover
        [diners] 大来卡
        [jcb] JCB
        [unionpay] 银联
        [cartes_bancaires] Cartes Bancaires
        [eftpos_au] eftpos
        [interac] Interac
       *[other] 银行卡
    }

## 发票

invoices-heading = 发票
latest-invoices-heading = 最近的发票
view-all-invoices = 查看全部发票
col-date = 日期
col-number = 编号
col-amount = 金额
col-status = 状态
col-actions = 文件
invoice-status =
    { $status ->
        [open] 待支付
        [paid] 已支付
        [void] 已作废
        [uncollectible] 无法收回
        [draft] 草稿
       *[other] 未知
    }
download-pdf = 下载 PDF
view-invoice = 查看发票
pay-now = 立即支付
for-invoice = {" "}（发票 { $number }）
no-invoices = 您还没有发票。
older-invoices = 更早的发票
newest-invoices = 最新的发票
pagination-label = 发票分页

## 账单信息

billing-details-intro = 这些信息会显示在您的发票和收据上。
billing-field-label =
    { $field ->
        [email] 电子邮件
        [name] 名称
        [line1] 地址第 1 行
        [line2] 地址第 2 行（选填）
        [city] 城市
        [state] 省、州或地区（选填）
        [postal_code] 邮政编码
        [country] 国家/地区代码
        [tax_type] 类型
       *[tax_value] 号码
    }
billing-field-hint =
    { $field ->
        [email] 发票和收据将发送到此地址。
        [country] 两个字母，例如 CN、SG 或 US。
       *[other] {""}
    }
address-legend = 账单地址
tax-id-legend = 税号（选填）
tax-type-none = 无税号
tax-type-label =
    { $kind ->
        [eu_vat] 欧盟增值税号
        [gb_vat] 英国增值税号
        [us_ein] 美国 EIN
        [ca_bn] 加拿大 BN
        [ca_gst_hst] 加拿大 GST/HST 号码
        [au_abn] 澳大利亚 ABN
        [nz_gst] 新西兰 GST 号码
        [ch_vat] 瑞士增值税号
        [no_vat] 挪威增值税号
        [in_gst] 印度 GST 号码
        [jp_cn] 日本法人编号
        [br_cnpj] 巴西 CNPJ
        [mx_rfc] 墨西哥 RFC
        [za_vat] 南非增值税号
       *[other] 税号
    }
save-button = 保存
billing-saved = 已保存。您的账单信息已是最新。
form-problems-heading = 请修改下方标出的字段
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] 请输入您的电子邮件地址。
                [line1] 请输入地址第 1 行。
                [city] 请输入城市。
                [postal_code] 请输入邮政编码。
                [country] 请输入两个字母的国家/地区代码。
                [tax_value] 请输入税号，或选择“无税号”。
               *[other] 此项为必填项。
            }
        [too_long] 内容过长：最多 200 个字符。
        [invalid_email] 请输入电子邮件地址，例如 name@example.com。
        [invalid_country] 请输入两个字母的国家/地区代码，例如 CN、SG 或 US。
        [invalid_postal_code] 请按该国家/地区使用的格式输入邮政编码。
        [invalid_tax_type] 请从列表中选择税号类型。
        [invalid_tax_id] 请按所选类型的格式输入税号。
       *[refused] 此值未被接受。请检查后重试。
    }

## 错误

section-unavailable = 暂时无法加载此内容。请稍后再试。
not-found-title = 找不到页面
not-found-body = 此地址没有内容。
error-title = 出了点问题
error-body = 无法显示此页面。请稍后再试。
forbidden-title = 请求被拒绝
forbidden-body = 表单已过期。请返回上一页，刷新页面后重试。
method-title = 此操作不可用
session-ended-title = 您的账单会话已结束
session-ended-body = 为了您的安全，账单会话在一段时间无操作后会自动结束。请返回应用，重新打开账单页面。
rate-limited-title = 请求过多
rate-limited-body = 此账单会话在短时间内发出了大量请求。请等待一分钟，然后刷新页面。

## 更改套餐

plan-change-plan = 更改套餐
plan-title = 更改 { $plan }
plan-intro = 选择一个套餐，在做出任何更改之前查看费用。
plan-item-legend = 要更改订阅的哪一部分？
plan-current = （当前套餐）
plan-quantity-label = 数量（{ $min } 至 { $max }）
plan-preview-button = 查看变化
plan-no-prices = 此订阅没有其他可选套餐。
plan-preview-heading = 变化内容
plan-from-to = 从 { $from } 更改为 { $to }
plan-due-now = 今日扣款：{ $amount }
plan-nothing-now = 今日不扣款。
plan-proration-charge = 包含当前周期剩余时间的费用 { $amount }（按比例计算）。
plan-proration-credit = 包含当前周期未使用部分的抵扣 { $amount }。
plan-next-invoice = 下一张发票（{ $date }）：{ $amount }
plan-then-each-renewal = 之后每次续订 { $amount }。
plan-applies-at = 您的套餐将于 { $date } 更改为 { $plan }，在此之前保留当前套餐。
plan-applies-now = 确认后更改立即生效。
plan-confirm-button = 确认更改
plan-changes-on = 将于 { $date } 更改为 { $plan }
plan-switch-heading = 想换个小一点的套餐吗？
plan-switch-instead = 改为 { $plan }
plan-refused-price = 此订阅无法使用该套餐。未做任何更改。
plan-refused-item = 该项目不属于此订阅。未做任何更改。
plan-refused-choose-item = 请选择要更改订阅的哪一部分。
plan-refused-quantity = 请选择 { $min } 至 { $max } 之间的数量。未做任何更改。
plan-refused-quantity-fixed = 此处无法更改数量。未做任何更改。
plan-refused-duplicate = 该套餐已包含在您的订阅中。未做任何更改。
plan-refused-state = 此订阅目前无法更改套餐。未做任何更改。
plan-refused-same = 这是您当前的套餐。请选择其他套餐以查看变化。
plan-preview-unavailable = 暂时无法计算此次更改的费用。未做任何更改，请稍后再试。

## 费用：下一张发票、发票明细、折扣和税费

charges-next-invoice-on = 下一张发票（{ $date }）：{ $amount }
charges-next-invoice = 下一张发票：{ $amount }
charges-next-invoice-unavailable = 下一张发票：暂时无法显示金额。
charges-separator = {" · "}
charges-percent-off = 优惠 { $percent }
charges-amount-off = 优惠 { $amount }
charges-named-discount = { $name }：{ $terms }
charges-discount-until = { $terms }，截至 { $date }
charges-discount-once = { $terms }，仅限本张发票
charges-discount = 折扣
charges-tax-added = { $tax }：{ $amount }
charges-tax-included = 含 { $tax }：{ $amount }
charges-includes-tax = 含 { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = 税费
charges-next-invoice-heading = 下一张发票
charges-next-invoice-title = { $plan } 的下一张发票
charges-invoice-date = 发票日期：{ $date }
charges-next-invoice-failed = 暂时无法计算您的下一张发票，因此不显示金额。没有任何更改，请稍后再试。
charges-no-next-invoice = 按当前状态，此订阅不会再开具发票。
charges-paid-with-card = 将从您的 { $card } 扣款。
charges-paid-by-email = 我们会通过电子邮件向您发送待付发票。
charges-paid-without-card = 尚未登记银行卡：请在此之前添加，以便支付发票。
charges-usage-heading = 本周期用量
charges-usage-so-far = { $plan }：自 { $since } 起已用 { $quantity }
charges-usage-estimate = 目前估算：{ $amount }
charges-usage-unavailable = { $plan }：暂时无法显示目前的用量。
charges-more-lines = 仅列出前几项；合计包含所有项目。
charges-back-to-overview = 返回概览
charges-lines-caption = 发票明细
charges-col-description = 说明
charges-col-quantity = 数量
charges-col-unit-price = 单价
charges-period = { $start } – { $end }
charges-proration = 按比例调整
charges-subtotal = 小计
charges-total = 合计
charges-total-excluding-tax = 不含税合计
charges-amount-paid = 已付金额
charges-amount-remaining = 待付金额
charges-invoice-title = 发票 { $number }
charges-invoice-untitled = 发票
charges-issued-on = 开具日期：{ $date }
charges-paid-on = 支付日期：{ $date }
charges-due-on = 到期日：{ $date }
charges-invoice-details = 详情
charges-back-to-invoices = 全部发票
charges-cancel-not-charged = 原定于 { $date } 收取的下一张发票 { $amount } 将不会向您收取。
charges-cancel-not-charged-unavailable = 您的下一张发票将不会向您收取。

## “仍要取消”旁边的优惠、自定义原因

offers-continue-button = 继续
offers-you-said = 您的原因：{ $reason }。
offers-change-reason = 修改我的回答
offers-offer-heading = 在您离开之前
offers-still-cancel-heading = 仍要取消吗？
offers-cancel-anyway = 仍要取消
offers-coupon-body = 留下来即可享受{ $terms }。
offers-coupon-button = 使用折扣
offers-pause-body = 不如暂停一下：套餐暂停期间不会向您收费。
offers-pause-button = 改为暂停
offers-downgrade-body = 改用 { $plan }，花更少的钱继续使用。
offers-downgrade-button = 切换到 { $plan }
offers-support-body = 告诉我们哪里出了问题，我们也许可以解决。
offers-support-button = 联系我们
offers-for-months = { $off }，为期 { $months } 个月
offers-forever = 只要您继续订阅，一直{ $off }
offers-offer-unavailable = 此优惠已不再适用于该订阅。未做任何更改。
offers-offer-applied = 完成：优惠已应用到您的套餐。

## Sign-in with an email address

login-title = 登录以管理账单
login-intro = 请输入您在 { $tenant } 的账户所用的电子邮件地址。我们会通过电子邮件向您发送登录链接。
login-email-label = 电子邮件地址
login-button = 通过电子邮件发送登录链接
login-missing = 请输入您的电子邮件地址。
login-invalid = 请输入类似 name@example.com 的电子邮件地址。
login-sent-title = 请查收电子邮件
login-sent-body = 如果此地址属于某个账户，登录链接已在发送途中，可能需要几分钟才能送达。
login-sent-again = 使用其他电子邮件地址
login-email-subject = 您的 { $tenant } 登录链接
login-email-intro = 以下是管理您在 { $tenant } 账单的链接，使用此电子邮件地址的每个账户各有一个：
login-email-account = 账户 { $number }
login-email-plans = 付费项目：{ $plans }
login-email-no-plans = 没有有效的订阅
login-email-outro = 每个链接只能使用一次，一小时后过期。如果这不是您本人申请的登录，请忽略此邮件。
