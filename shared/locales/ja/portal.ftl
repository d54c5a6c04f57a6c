# 日本語。
# 文体: です・ます調（丁寧語）で統一。お客様への呼びかけは省略し、必要な場合のみ「お客様」。

## 言語

language-name = 日本語
language-switcher-label = 言語
language-switcher-button = 言語を変更

## 枠

skip-to-content = 本文へスキップ
portal-title = お支払い
nav-label = お支払い
nav-overview = 概要
nav-invoices = 請求書
nav-billing-details = 請求先情報
return-to = { $tenant } に戻る
contact-support = サポートに問い合わせる
signed-in-as = { $customer } としてログイン中

## ランディング、期限切れリンク、新しいリンク

landing-title = お支払いページを開く
landing-body = セキュリティのため、「続行」を押してお支払いページを開いてください。
landing-button = 続行
gone-title = このリンクは無効になりました
gone-body = お支払いページへのリンクは一度だけ使用でき、短時間で有効期限が切れます。新しいリンクをメールでお送りできます。
gone-email-button = 新しいリンクをメールで受け取る
back-to = { $tenant } に戻る
relink-sent-title = メールをご確認ください
relink-sent-body = このアカウントにメールアドレスが登録されている場合、新しいリンクをお送りしました。届くまで数分かかることがあります。

## メール

email-greeting = いつもご利用いただきありがとうございます。
relink-email-subject = { $tenant } のお支払いページへのリンク
relink-email-intro = { $tenant } のお支払いを管理するための新しいリンクです。
relink-email-outro = このリンクは一度だけ使用でき、まもなく有効期限が切れます。お心当たりのない場合は、このメールを無視してください。
email-changed-subject = { $tenant } の請求先メールアドレスが変更されました
email-changed-body = { $tenant } アカウントの請求先メールアドレスが { $address } に変更されました。今後、請求書と領収書はこのアドレスに送信されます。
email-changed-warning = この変更にお心当たりがない場合は、すぐに { $tenant } までご連絡ください。
mail-cancel-scheduled-subject = { $tenant } の { $plan } プランの解約を受け付けました
mail-cancel-scheduled-ends = { $plan } プランは { $date } に解約されます。
mail-cancel-scheduled-keep = それまでは { $plan } を引き続きご利用いただけます。今後の請求はありません。
mail-cancel-scheduled-renew = お気持ちが変わった場合は、その日までワンクリックで解約を取り消せます。
mail-cancel-ended-subject = { $tenant } の { $plan } プランは終了しました
mail-cancel-ended-body = { $plan } プランは { $date } に終了しました。今後の請求はありません。
mail-cancel-ended-welcome = またのご利用をいつでもお待ちしております。
mail-cancel-undone-subject = { $tenant } の { $plan } プランは継続されます
mail-cancel-undone-body = { $plan } プランの解約予定は取り消されました。これまでどおり更新されます。
mail-paused-subject = { $tenant } の { $plan } プランを一時停止しました
mail-paused-until = { $plan } プランは { $date } まで一時停止されています。停止中は請求されません。
mail-paused = { $plan } プランは一時停止されています。停止中は請求されません。
mail-resumed-subject = { $tenant } の { $plan } プランを再開しました
mail-resumed-body = { $plan } プランが再開され、これまでどおり請求されます。
mail-portal-link-intro = { $tenant } のお支払いはこちらから管理できます。
mail-portal-link-text = お支払いポータルを開く
mail-link-expired-hint = リンクの有効期限が切れている場合も、そのまま開いて「新しいリンクをメールで受け取る」を選んでください。

## 解約

cancel-plan = プランを解約
cancel-title = { $plan } を解約
cancel-ends-on = プランは { $date } に終了します。それまでは { $plan } をご利用いただけます。今後の請求はありません。
cancel-ends-now = 即時終了: { $plan } はただちに停止され、今後の請求はありません。
cancel-confirm = 解約を確定
reason-legend = 解約の理由をお聞かせください（任意）
reason-label =
    { $reason ->
        [too_expensive] 料金が高すぎる
        [missing_features] 必要な機能が足りない
        [switched_service] 別のサービスに乗り換えた
        [unused] あまり使っていない
        [customer_service] カスタマーサービスが期待に届かなかった
        [too_complex] 使い方が複雑すぎる
        [low_quality] 品質が期待に届かなかった
       *[other] その他の理由
    }
comment-label = ほかにお伝えいただけることはありますか？（任意）
pause-heading = 一時停止にしませんか？
pause-until-label = 再開日
pause-option = { $days } 日後（{ $date }）
pause-button = 代わりに一時停止する
renew-button = 解約を取り消す
resume-button = 再開する
keep-plan = プランを続ける
action-failed = 処理できませんでした。何も変更されていません。もう一度お試しください。
action-maybe-changed = 処理できませんでした。一部が保存された可能性があります。もう一度お試しになる前に、下の内容をご確認ください。

## サブスクリプション

subscriptions-heading = サブスクリプション
no-subscriptions = 有効なサブスクリプションはありません。
subscription-status =
    { $status ->
        [trialing] トライアル中
        [active] 有効
        [past_due] 支払い期限超過
        [paused] 一時停止中
        [unpaid] 未払い
        [incomplete] 未完了
        [incomplete_expired] 期限切れ
        [canceled] 解約済み
       *[other] 不明
    }
cancels-on = { $date } に解約
trial-ends-on = トライアルは { $date } に終了
paused-until = { $date } まで一時停止中
price-per =
    { $count ->
        [1]
            { $interval ->
                [day] 1日あたり { $amount }
                [week] 1週間あたり { $amount }
                [month] 月額 { $amount }
                [year] 年額 { $amount }
               *[other] 1期間あたり { $amount }
            }
       *[other]
            { $interval ->
                [day] { $count } 日ごとに { $amount }
                [week] { $count } 週間ごとに { $amount }
                [month] { $count } か月ごとに { $amount }
                [year] { $count } 年ごとに { $amount }
               *[other] { $count } 期間ごとに { $amount }
            }
    }
price-metered =
    { $count ->
        [1]
            { $interval ->
                [day] 使用量 1 単位あたり { $amount }、毎日請求
                [week] 使用量 1 単位あたり { $amount }、毎週請求
                [month] 使用量 1 単位あたり { $amount }、毎月請求
                [year] 使用量 1 単位あたり { $amount }、毎年請求
               *[other] 使用量 1 単位あたり { $amount }、期間ごとに請求
            }
       *[other]
            { $interval ->
                [day] 使用量 1 単位あたり { $amount }、{ $count } 日ごとに請求
                [week] 使用量 1 単位あたり { $amount }、{ $count } 週間ごとに請求
                [month] 使用量 1 単位あたり { $amount }、{ $count } か月ごとに請求
                [year] 使用量 1 単位あたり { $amount }、{ $count } 年ごとに請求
               *[other] 使用量 1 単位あたり { $amount }、{ $count } 期間ごとに請求
            }
    }
price-tiered = 段階制料金
quantity = × { $quantity }
unnamed-plan = プラン
items-label = プランの内訳

## お支払い方法

payment-method-heading = お支払い方法
card-ending = { $brand }（末尾 { $last4 }）
card-expires = 有効期限 { $month }/{ $year }
no-payment-method = お支払い方法が登録されていません。
update-card = カードを変更
add-card = カードを追加
update-card-intro = 安全なお支払いページで新しいカードを入力すると、すぐにこちらに戻ります。そのカードがすべてのサブスクリプションに使用されます。
card-updated = カードを変更しました。今後はすべてのサブスクリプションにこのカードが使用されます。
card-not-updated = カードは変更されていません。お支払いページで手続きを完了した場合は、反映まで少し時間がかかることがあります。
past-due-notice = このプランの前回のお支払いが失敗したため、支払い期限を過ぎています。未払いの請求書をお支払いいただくか、カードを変更してください。
pay-open-invoice = 未払いの請求書を支払う
card-brand =
    { $brand ->
        [visa] Visa
        [mastercard] Mastercard
        [amex] American Express
        [discover] Discover
        [diners] ダイナースクラブ
        [jcb] JCB
        [unionpay] 銀聯
        [cartes_bancaires] Cartes Bancaires
        [eftpos_au] eftpos
        [interac] Interac
       *[other] カード
    }

## 請求書

invoices-heading = 請求書
latest-invoices-heading = 最近の請求書
view-all-invoices = すべての請求書を見る
col-date = 日付
col-number = 番号
col-amount = 金額
col-status = ステータス
col-actions = 書類
invoice-status =
    { $status ->
        [open] 未払い
        [paid] 支払い済み
        [void] 無効
        [uncollectible] 回収不能
        [draft] 下書き
       *[other] 不明
    }
download-pdf = PDF をダウンロード
view-invoice = 請求書を表示
pay-now = 今すぐ支払う
for-invoice = {" "}（請求書 { $number }）
no-invoices = 請求書はまだありません。
older-invoices = 以前の請求書
newest-invoices = 最新の請求書
pagination-label = 請求書のページ

## 請求先情報

billing-details-intro = この情報は請求書と領収書に記載されます。
billing-field-label =
    { $field ->
        [email] メールアドレス
        [name] 氏名
        [line1] 住所 1
        [line2] 住所 2（任意）
        [city] 市区町村
        [state] 都道府県・州（任意）
        [postal_code] 郵便番号
        [country] 国コード
        [tax_type] 種類
       *[tax_value] 番号
    }
billing-field-hint =
    { $field ->
        [email] 請求書と領収書はこのアドレスに送信されます。
        [country] 英字 2 文字（例: JP、US、GB）。
       *[other] {""}
    }
address-legend = 請求先住所
tax-id-legend = 税務番号（任意）
tax-type-none = 税務番号なし
tax-type-label =
    { $kind ->
        [eu_vat] EU VAT 番号
        [gb_vat] 英国 VAT 番号
        [us_ein] 米国 EIN
        [ca_bn] カナダ BN
        [ca_gst_hst] カナダ GST/HST 番号
        [au_abn] オーストラリア ABN
        [nz_gst] ニュージーランド GST 番号
        [ch_vat] スイス VAT 番号
        [no_vat] ノルウェー VAT 番号
        [in_gst] インド GST 番号
        [jp_cn] 法人番号
        [br_cnpj] ブラジル CNPJ
        [mx_rfc] メキシコ RFC
        [za_vat] 南アフリカ VAT 番号
       *[other] 税務番号
    }
save-button = 保存
billing-saved = 保存しました。請求先情報は最新です。
form-problems-heading = 以下の項目を修正してください
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] メールアドレスを入力してください。
                [line1] 住所 1 を入力してください。
                [city] 市区町村を入力してください。
                [postal_code] 郵便番号を入力してください。
                [country] 英字 2 文字の国コードを入力してください。
                [tax_value] 税務番号を入力するか、「税務番号なし」を選んでください。
               *[other] この項目は必須です。
            }
        [too_long] 長すぎます。200 文字以内で入力してください。
        [invalid_email] name@example.com のような形式でメールアドレスを入力してください。
        [invalid_country] JP、US、GB のような英字 2 文字の国コードを入力してください。
        [invalid_postal_code] この国で使われている形式で郵便番号を入力してください。
        [invalid_tax_type] 一覧から税務番号の種類を選んでください。
        [invalid_tax_id] 選んだ種類の形式で税務番号を入力してください。
       *[refused] この値は受け付けられませんでした。内容をご確認のうえ、もう一度お試しください。
    }

## エラー

section-unavailable = 現在この情報を読み込めません。しばらくしてからもう一度お試しください。
not-found-title = ページが見つかりません
not-found-body = このアドレスには何もありません。
error-title = 問題が発生しました
error-body = このページを表示できませんでした。しばらくしてからもう一度お試しください。
forbidden-title = このリクエストは拒否されました
forbidden-body = フォームの有効期限が切れていました。前のページに戻り、ページを再読み込みしてからもう一度お試しください。
method-title = この操作は利用できません
session-ended-title = お支払いセッションは終了しました
session-ended-body = セキュリティのため、一定時間操作がないとお支払いセッションは終了します。アプリに戻り、もう一度お支払いページを開いてください。
rate-limited-title = リクエストが多すぎます
rate-limited-body = このお支払いセッションから短時間に多数のリクエストがありました。1 分ほど待ってから、ページを再読み込みしてください。

## プラン変更

plan-change-plan = プランを変更
plan-title = { $plan } を変更
plan-intro = プランを選ぶと、変更前に料金を確認できます。
plan-item-legend = サブスクリプションのどの部分を変更しますか？
plan-current = （現在のプラン）
plan-quantity-label = 数量（{ $min }〜{ $max }）
plan-preview-button = 変更内容を確認
plan-no-prices = このサブスクリプションで選べるほかのプランはありません。
plan-preview-heading = 変更内容
plan-from-to = { $from } から { $to } へ
plan-due-now = 本日の請求額: { $amount }
plan-nothing-now = 本日の請求はありません。
plan-proration-charge = 現在の期間の残り分として { $amount } を含みます（日割り）。
plan-proration-credit = 現在の期間の未使用分として { $amount } のクレジットを含みます。
plan-next-invoice = 次回の請求（{ $date }）: { $amount }
plan-then-each-renewal = 以降は更新ごとに { $amount }。
plan-applies-at = { $date } にプランが { $plan } に変わります。それまでは現在のプランをご利用いただけます。
plan-applies-now = 確定するとすぐに変更が適用されます。
plan-confirm-button = 変更を確定
plan-changes-on = { $date } に { $plan } へ変更
plan-switch-heading = 小さなプランにしませんか？
plan-switch-instead = 代わりに { $plan } に変更する
plan-refused-price = このプランはこのサブスクリプションでは利用できません。何も変更されていません。
plan-refused-item = この項目はこのサブスクリプションに含まれていません。何も変更されていません。
plan-refused-choose-item = サブスクリプションのどの部分を変更するか選んでください。
plan-refused-quantity = { $min }〜{ $max } の数量を選んでください。何も変更されていません。
plan-refused-quantity-fixed = ここでは数量を変更できません。何も変更されていません。
plan-refused-duplicate = このプランはすでにサブスクリプションに含まれています。何も変更されていません。
plan-refused-state = このサブスクリプションは現在プランを変更できません。何も変更されていません。
plan-refused-same = これは現在のプランです。変更内容を確認するには、別のプランを選んでください。
plan-preview-unavailable = 現在この変更の料金を計算できません。何も変更されていません。しばらくしてからもう一度お試しください。

## 請求: 次回の請求書、明細、割引、税金

charges-next-invoice-on = 次回の請求（{ $date }）: { $amount }
charges-next-invoice = 次回の請求: { $amount }
charges-next-invoice-unavailable = 次回の請求: 現在金額を表示できません。
charges-separator = {" · "}
charges-percent-off = { $percent } 割引
charges-amount-off = { $amount } 割引
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }（{ $date } まで）
charges-discount-once = { $terms }（この請求書のみ）
charges-discount = 割引
charges-tax-added = { $tax }: { $amount }
charges-tax-included = { $tax } 込み: { $amount }
charges-includes-tax = { $tax } を含む
charges-tax-rate = { $name } { $percent }
charges-tax = 税金
charges-next-invoice-heading = 次回の請求書
charges-next-invoice-title = { $plan } の次回の請求書
charges-invoice-date = 請求日: { $date }
charges-next-invoice-failed = 現在次回の請求書を計算できないため、金額は表示していません。何も変更されていません。しばらくしてからもう一度お試しください。
charges-no-next-invoice = 現在の状態では、このサブスクリプションに今後請求書は発行されません。
charges-paid-with-card = { $card } に請求されます。
charges-paid-by-email = お支払い用の請求書をメールでお送りします。
charges-paid-without-card = カードが登録されていません。請求書をお支払いいただけるよう、それまでにカードを追加してください。
charges-usage-heading = 今期の使用量
charges-usage-so-far = { $plan }: { $since } 以降 { $quantity }
charges-usage-estimate = 現時点の見込み額: { $amount }
charges-usage-unavailable = { $plan }: 現在使用量を表示できません。
charges-more-lines = 最初の明細のみ表示しています。合計にはすべての明細が含まれます。
charges-back-to-overview = 概要に戻る
charges-lines-caption = 請求書の明細
charges-col-description = 内容
charges-col-quantity = 数量
charges-col-unit-price = 単価
charges-period = { $start }〜{ $end }
charges-proration = 日割り調整
charges-subtotal = 小計
charges-total = 合計
charges-total-excluding-tax = 税抜合計
charges-amount-paid = 支払い済み金額
charges-amount-remaining = 未払い金額
charges-invoice-title = 請求書 { $number }
charges-invoice-untitled = 請求書
charges-issued-on = 発行日: { $date }
charges-paid-on = 支払日: { $date }
charges-due-on = 支払期日: { $date }
charges-invoice-details = 詳細
charges-back-to-invoices = すべての請求書
charges-cancel-not-charged = { $date } に予定されていた次回の請求 { $amount } は請求されません。
charges-cancel-not-charged-unavailable = 次回の請求は行われません。

## 「このまま解約する」の横に出す特典、独自の理由

offers-continue-button = 次へ
offers-you-said = 解約の理由：{ $reason }
offers-change-reason = 回答を変更する
offers-offer-heading = 解約の前に
offers-still-cancel-heading = それでも解約しますか？
offers-cancel-anyway = このまま解約する
offers-coupon-body = 継続すると { $terms } が適用されます。
offers-coupon-button = 割引を適用する
offers-pause-body = 代わりに一時停止できます。一時停止中は請求されません。
offers-pause-button = 一時停止する
offers-downgrade-body = { $plan } なら、より安く続けられます。
offers-downgrade-button = { $plan } に変更する
offers-support-body = 何が問題だったかお聞かせください。解決できるかもしれません。
offers-support-button = 相談する
offers-for-months = { $months }か月間 { $off }
offers-forever = ご利用中はずっと { $off }
offers-offer-unavailable = この特典はこのサブスクリプションではご利用いただけなくなりました。変更は行われていません。
offers-offer-applied = 完了しました。特典がプランに適用されました。

## Sign-in with an email address

login-title = お支払いを管理するにはサインインしてください
login-intro = { $tenant } のアカウントのメールアドレスを入力してください。サインイン用のリンクをメールでお送りします。
login-email-label = メールアドレス
login-button = サインイン用リンクをメールで受け取る
login-missing = メールアドレスを入力してください。
login-invalid = name@example.com のような形式でメールアドレスを入力してください。
login-sent-title = メールをご確認ください
login-sent-body = このアドレスがアカウントに登録されている場合、サインイン用のリンクをお送りしました。届くまで数分かかることがあります。
login-sent-again = 別のメールアドレスを使う
login-email-subject = { $tenant } のサインイン用リンク
login-email-intro = { $tenant } のお支払いを管理するためのリンクです。このメールアドレスを使用しているアカウントごとに 1 つずつあります。
login-email-account = アカウント { $number }
login-email-plans = ご契約: { $plans }
login-email-no-plans = 有効なご契約はありません
login-email-outro = 各リンクは一度だけ使用でき、1 時間で有効期限が切れます。サインインをご依頼でない場合は、このメールを無視してください。
