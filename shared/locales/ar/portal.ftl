# العربية (الفصحى المعاصرة).
# المخاطبة: صيغة المفرد المخاطَب المعتادة في واجهات الخدمات (اشتراكك، بطاقتك)، بنبرة مهذبة، وتُفضَّل
# الصيغ المحايدة (المصدر والمبني للمجهول) حيث أمكن. النص من اليمين إلى اليسار، والقيم المدرجة معزولة اتجاهيًا.

## اللغة

language-name = العربية
language-switcher-label = اللغة
language-switcher-button = تغيير اللغة

## الإطار

skip-to-content = انتقل إلى المحتوى
portal-title = الفوترة
nav-label = الفوترة
nav-overview = نظرة عامة
nav-invoices = الفواتير
nav-billing-details = بيانات الفوترة
return-to = العودة إلى { $tenant }
contact-support = تواصل مع الدعم
signed-in-as = مسجّل الدخول باسم { $customer }

## صفحة البداية، الرابط المنتهي، رابط جديد

landing-title = افتح صفحة الفوترة
landing-body = حفاظًا على أمانك، اضغط «متابعة» لفتح صفحة الفوترة.
landing-button = متابعة
gone-title = لم يعد هذا الرابط صالحًا
gone-body = روابط صفحة الفوترة تعمل مرة واحدة وتنتهي صلاحيتها بعد وقت قصير. يمكننا إرسال رابط جديد إلى بريدك الإلكتروني.
gone-email-button = أرسل لي رابطًا جديدًا
back-to = العودة إلى { $tenant }
relink-sent-title = تحقق من بريدك الإلكتروني
relink-sent-body = إذا كان لدينا عنوان بريد إلكتروني لهذا الحساب، فرابط جديد في طريقه إليك. قد يستغرق وصوله بضع دقائق.

## رسائل البريد الإلكتروني

email-greeting = مرحبًا،
relink-email-subject = رابط الفوترة الخاص بك لدى { $tenant }
relink-email-intro = إليك رابطك الجديد لإدارة الفوترة لدى { $tenant }:
relink-email-outro = يعمل الرابط مرة واحدة وتنتهي صلاحيته قريبًا. إذا لم تطلبه، يمكنك تجاهل هذه الرسالة.
email-changed-subject = تم تغيير بريد الفوترة لحسابك لدى { $tenant }
email-changed-body = تم للتو تغيير بريد الفوترة لحسابك لدى { $tenant } إلى { $address }. ستُرسل الفواتير والإيصالات إليه من الآن فصاعدًا.
email-changed-warning = إذا لم تُجرِ هذا التغيير، فتواصل مع { $tenant } فورًا.
mail-cancel-scheduled-subject = سيتم إلغاء خطة { $plan } لدى { $tenant }
mail-cancel-scheduled-ends = سيتم إلغاء خطة { $plan } في { $date }.
mail-cancel-scheduled-keep = تبقى خطة { $plan } متاحة لك حتى ذلك الحين، ولن تُحصَّل منك أي رسوم أخرى.
mail-cancel-scheduled-renew = هل غيّرت رأيك؟ يمكنك التجديد بنقرة واحدة قبل ذلك التاريخ.
mail-cancel-ended-subject = انتهت خطة { $plan } لدى { $tenant }
mail-cancel-ended-body = انتهت خطة { $plan } في { $date }. لن تُحصَّل منك أي رسوم أخرى.
mail-cancel-ended-welcome = يسعدنا عودتك في أي وقت.
mail-cancel-undone-subject = ستستمر خطة { $plan } لدى { $tenant }
mail-cancel-undone-body = لم تعد خطة { $plan } مجدولة للإلغاء، وستتجدد كالمعتاد.
mail-paused-subject = تم إيقاف خطة { $plan } لدى { $tenant } مؤقتًا
mail-paused-until = تم إيقاف خطة { $plan } مؤقتًا حتى { $date }. لن تُحصَّل منك رسوم أثناء الإيقاف.
mail-paused = تم إيقاف خطة { $plan } مؤقتًا. لن تُحصَّل منك رسوم أثناء الإيقاف.
mail-resumed-subject = استُؤنفت خطة { $plan } لدى { $tenant }
mail-resumed-body = استُؤنفت خطة { $plan } وستُفوتَر كالمعتاد.
mail-portal-link-intro = يمكنك إدارة الفوترة لدى { $tenant } من هنا:
mail-portal-link-text = افتح بوابة الفوترة
mail-link-expired-hint = إذا انتهت صلاحية الرابط، فافتحه على أي حال واختر «أرسل لي رابطًا جديدًا».

## صفحة الإلغاء

cancel-plan = إلغاء الخطة
cancel-title = إلغاء { $plan }
cancel-ends-on = تنتهي خطتك في { $date }، وتبقى { $plan } متاحة لك حتى ذلك الحين. لن تُحصَّل منك أي رسوم أخرى.
cancel-ends-now = تنتهي الآن: تتوقف { $plan } فورًا ولن تُحصَّل منك أي رسوم أخرى.
cancel-confirm = تأكيد الإلغاء
reason-legend = لماذا تلغي الاشتراك؟ (اختياري)
reason-label =
    { $reason ->
        [too_expensive] السعر مرتفع جدًا
        [missing_features] تنقصه بعض الميزات
        [switched_service] انتقلت إلى خدمة أخرى
        [unused] لا أستخدمه بما يكفي
        [customer_service] خدمة العملاء دون المتوقع
        [too_complex] استخدامه معقد جدًا
        [low_quality] الجودة دون المتوقع
       *[other] سبب آخر
    }
comment-label = هل تود إخبارنا بأي شيء آخر؟ (اختياري)
pause-heading = هل تفضّل استراحة؟
pause-until-label = الاستئناف في
pause-option =
    { $days ->
        [one] بعد يوم واحد ({ $date })
        [two] بعد يومين ({ $date })
        [few] بعد { $days } أيام ({ $date })
        [many] بعد { $days } يومًا ({ $date })
       *[other] بعد { $days } يوم ({ $date })
    }
pause-button = إيقاف مؤقت بدلًا من ذلك
renew-button = تجديد
resume-button = استئناف
keep-plan = الإبقاء على خطتي
action-failed = لم تنجح العملية، ولم يتغير شيء. يُرجى المحاولة مرة أخرى.
action-maybe-changed = لم تنجح العملية، وربما حُفظ جزء منها. راجع ما يظهر أدناه قبل المحاولة مرة أخرى.

## الاشتراكات

subscriptions-heading = الاشتراكات
no-subscriptions = ليس لديك اشتراكات نشطة.
subscription-status =
    { $status ->
        [trialing] فترة تجريبية
        [active] نشط
        [past_due] متأخر السداد
        [paused] متوقف مؤقتًا
        [unpaid] غير مدفوع
        [incomplete] غير مكتمل
        [incomplete_expired] منتهي الصلاحية
        [canceled] ملغى
       *[other] غير معروف
    }
cancels-on = يُلغى في { $date }
trial-ends-on = تنتهي الفترة التجريبية في { $date }
paused-until = متوقف مؤقتًا حتى { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } يوميًا
                [week] { $amount } أسبوعيًا
                [month] { $amount } شهريًا
                [year] { $amount } سنويًا
               *[other] { $amount } لكل فترة
            }
        [two]
            { $interval ->
                [day] { $amount } كل يومين
                [week] { $amount } كل أسبوعين
                [month] { $amount } كل شهرين
                [year] { $amount } كل سنتين
               *[other] { $amount } كل فترتين
            }
        [few]
            { $interval ->
                [day] { $amount } كل { $count } أيام
                [week] { $amount } كل { $count } أسابيع
                [month] { $amount } كل { $count } أشهر
                [year] { $amount } كل { $count } سنوات
               *[other] { $amount } كل { $count } فترات
            }
       *[other]
            { $interval ->
                [day] { $amount } كل { $count } يومًا
                [week] { $amount } كل { $count } أسبوعًا
                [month] { $amount } كل { $count } شهرًا
                [year] { $amount } كل { $count } سنة
               *[other] { $amount } كل { $count } فترة
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } لكل وحدة مستخدمة، تُفوتَر يوميًا
                [week] { $amount } لكل وحدة مستخدمة، تُفوتَر أسبوعيًا
                [month] { $amount } لكل وحدة مستخدمة، تُفوتَر شهريًا
                [year] { $amount } لكل وحدة مستخدمة، تُفوتَر سنويًا
               *[other] { $amount } لكل وحدة مستخدمة، تُفوتَر لكل فترة
            }
        [two]
            { $interval ->
                [day] { $amount } لكل وحدة مستخدمة، تُفوتَر كل يومين
                [week] { $amount } لكل وحدة مستخدمة، تُفوتَر كل أسبوعين
                [month] { $amount } لكل وحدة مستخدمة، تُفوتَر كل شهرين
                [year] { $amount } لكل وحدة مستخدمة، تُفوتَر كل سنتين
               *[other] { $amount } لكل وحدة مستخدمة، تُفوتَر كل فترتين
            }
        [few]
            { $interval ->
                [day] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } أيام
                [week] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } أسابيع
                [month] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } أشهر
                [year] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } سنوات
               *[other] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } فترات
            }
       *[other]
            { $interval ->
                [day] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } يومًا
                [week] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } أسبوعًا
                [month] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } شهرًا
                [year] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } سنة
               *[other] { $amount } لكل وحدة مستخدمة، تُفوتَر كل { $count } فترة
            }
    }
price-tiered = تسعير متدرّج
quantity = × { $quantity }
unnamed-plan = خطة
items-label = عناصر الخطة

## طريقة الدفع

payment-method-heading = طريقة الدفع
card-ending = { $brand } تنتهي بـ { $last4 }
card-expires = تنتهي في { $month }/{ $year }
no-payment-method = لا توجد طريقة دفع محفوظة.
update-card = تحديث البطاقة
add-card = إضافة بطاقة
update-card-intro = ستُدخل البطاقة الجديدة في صفحة دفع آمنة ثم تعود إلى هنا مباشرة. ستصبح البطاقة المستخدمة لجميع اشتراكاتك.
card-updated = تم تحديث بطاقتك، وأصبحت مستخدمة الآن لجميع اشتراكاتك.
card-not-updated = لم تتغير بطاقتك. إذا أكملت الخطوات في صفحة الدفع، فقد يستغرق ظهورها هنا لحظات.
past-due-notice = فشلت آخر عملية دفع لهذه الخطة، لذا أصبحت متأخرة السداد. ادفع الفاتورة المستحقة أو حدّث بطاقتك.
pay-open-invoice = ادفع الفاتورة المستحقة
card-brand =
    { $brand ->
        [visa] Visa
        [mastercard] Mastercard
        [amex] American Express
        [discover] Discover
        [diners] Diners Club
        [jcb] JCB
        [unionpay] UnionPay
        [cartes_bancaires] Cartes Bancaires
        [eftpos_au] eftpos
        [interac] Interac
       *[other] بطاقة
    }

## الفواتير

invoices-heading = الفواتير
latest-invoices-heading = أحدث الفواتير
view-all-invoices = عرض كل الفواتير
col-date = التاريخ
col-number = الرقم
col-amount = المبلغ
col-status = الحالة
col-actions = المستندات
invoice-status =
    { $status ->
        [open] مستحقة
        [paid] مدفوعة
        [void] ملغاة
        [uncollectible] غير قابلة للتحصيل
        [draft] مسودة
       *[other] غير معروفة
    }
download-pdf = تنزيل PDF
view-invoice = عرض الفاتورة
pay-now = ادفع الآن
for-invoice = {" "}للفاتورة { $number }
no-invoices = لا توجد لديك فواتير بعد.
older-invoices = الفواتير الأقدم
newest-invoices = أحدث الفواتير
pagination-label = صفحات الفواتير

## بيانات الفوترة

billing-details-intro = تظهر هذه البيانات في فواتيرك وإيصالاتك.
billing-field-label =
    { $field ->
        [email] البريد الإلكتروني
        [name] الاسم
        [line1] سطر العنوان 1
        [line2] سطر العنوان 2 (اختياري)
        [city] المدينة
        [state] الولاية أو المنطقة (اختياري)
        [postal_code] الرمز البريدي
        [country] رمز البلد
        [tax_type] النوع
       *[tax_value] الرقم
    }
billing-field-hint =
    { $field ->
        [email] تُرسل الفواتير والإيصالات إلى هذا العنوان.
        [country] حرفان لاتينيان، مثل SA أو AE أو EG.
       *[other] {""}
    }
address-legend = عنوان الفوترة
tax-id-legend = الرقم الضريبي (اختياري)
tax-type-none = بلا رقم ضريبي
tax-type-label =
    { $kind ->
        [eu_vat] رقم ضريبة القيمة المضافة الأوروبي
        [gb_vat] رقم ضريبة القيمة المضافة البريطاني
        [us_ein] رقم EIN الأمريكي
        [ca_bn] رقم BN الكندي
        [ca_gst_hst] رقم GST/HST الكندي
        [au_abn] رقم ABN الأسترالي
        [nz_gst] رقم GST النيوزيلندي
        [ch_vat] رقم ضريبة القيمة المضافة السويسري
        [no_vat] رقم ضريبة القيمة المضافة النرويجي
        [in_gst] رقم GST الهندي
        [jp_cn] رقم الشركة الياباني
        [br_cnpj] رقم CNPJ البرازيلي
        [mx_rfc] رقم RFC المكسيكي
        [za_vat] رقم ضريبة القيمة المضافة الجنوب أفريقي
       *[other] الرقم الضريبي
    }
save-button = حفظ
billing-saved = تم الحفظ. بيانات الفوترة محدّثة.
form-problems-heading = يُرجى تصحيح الحقول المشار إليها أدناه
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] أدخل عنوان بريدك الإلكتروني.
                [line1] أدخل السطر الأول من العنوان.
                [city] أدخل المدينة.
                [postal_code] أدخل الرمز البريدي.
                [country] أدخل رمز البلد المكوّن من حرفين.
                [tax_value] أدخل الرقم الضريبي، أو اختر «بلا رقم ضريبي».
               *[other] هذا الحقل مطلوب.
            }
        [too_long] النص طويل جدًا: الحد الأقصى 200 حرف.
        [invalid_email] أدخل عنوان بريد إلكتروني مثل name@example.com.
        [invalid_country] أدخل رمز بلد من حرفين، مثل SA أو AE أو EG.
        [invalid_postal_code] أدخل الرمز البريدي بالصيغة المستخدمة في هذا البلد.
        [invalid_tax_type] اختر نوع الرقم الضريبي من القائمة.
        [invalid_tax_id] أدخل الرقم الضريبي بصيغة النوع المختار.
       *[refused] لم تُقبل هذه القيمة. تحقق منها وحاول مرة أخرى.
    }

## الأخطاء

section-unavailable = تعذّر تحميل هذا الآن. يُرجى المحاولة مرة أخرى بعد قليل.
not-found-title = الصفحة غير موجودة
not-found-body = لا يوجد شيء على هذا العنوان.
error-title = حدث خطأ ما
error-body = تعذّر عرض هذه الصفحة. يُرجى المحاولة مرة أخرى بعد قليل.
forbidden-title = رُفض هذا الطلب
forbidden-body = انتهت صلاحية النموذج. يُرجى الرجوع وإعادة تحميل الصفحة ثم المحاولة مرة أخرى.
method-title = هذا الإجراء غير متاح
session-ended-title = انتهت جلسة الفوترة
session-ended-body = حفاظًا على أمانك، تنتهي جلسات الفوترة بعد فترة من عدم النشاط. عُد إلى التطبيق وافتح الفوترة مرة أخرى.
rate-limited-title = طلبات كثيرة جدًا
rate-limited-body = أرسلت جلسة الفوترة هذه طلبات كثيرة في وقت قصير. انتظر دقيقة ثم أعد تحميل الصفحة.

## تغيير الخطة

plan-change-plan = تغيير الخطة
plan-title = تغيير { $plan }
plan-intro = اختر خطة لترى تكلفتها قبل أن يتغير أي شيء.
plan-item-legend = أي جزء من اشتراكك؟
plan-current = (الخطة الحالية)
plan-quantity-label = الكمية (من { $min } إلى { $max })
plan-preview-button = اعرض التغييرات
plan-no-prices = لا توجد خطط أخرى متاحة لهذا الاشتراك.
plan-preview-heading = ما الذي سيتغير
plan-from-to = من { $from } إلى { $to }
plan-due-now = المبلغ المستحق اليوم: { $amount }
plan-nothing-now = لن يُحصَّل أي مبلغ اليوم.
plan-proration-charge = يشمل { $amount } لما تبقى من الفترة الحالية (بالتناسب).
plan-proration-credit = يشمل رصيدًا بقيمة { $amount } عن الجزء غير المستخدم من الفترة الحالية.
plan-next-invoice = الفاتورة التالية في { $date }: { $amount }
plan-then-each-renewal = ثم { $amount } عند كل تجديد.
plan-applies-at = تتغير خطتك إلى { $plan } في { $date }، وتحتفظ بخطتك الحالية حتى ذلك الحين.
plan-applies-now = يسري التغيير فور تأكيدك.
plan-confirm-button = تأكيد التغيير
plan-changes-on = تتغير إلى { $plan } في { $date }
plan-switch-heading = هل تفضّل خطة أصغر؟
plan-switch-instead = الانتقال إلى { $plan } بدلًا من ذلك
plan-refused-price = هذه الخطة غير متاحة لهذا الاشتراك. لم يتغير شيء.
plan-refused-item = هذا العنصر ليس جزءًا من هذا الاشتراك. لم يتغير شيء.
plan-refused-choose-item = اختر الجزء الذي تريد تغييره من اشتراكك.
plan-refused-quantity = اختر كمية من { $min } إلى { $max }. لم يتغير شيء.
plan-refused-quantity-fixed = لا يمكن تغيير الكمية هنا. لم يتغير شيء.
plan-refused-duplicate = هذه الخطة جزء من اشتراكك بالفعل. لم يتغير شيء.
plan-refused-state = لا يمكن تغيير خطة هذا الاشتراك الآن. لم يتغير شيء.
plan-refused-same = هذه خطتك الحالية. اختر خطة أخرى لترى ما الذي سيتغير.
plan-preview-unavailable = تعذّر حساب تكلفة هذا التغيير الآن. لم يتغير شيء؛ يُرجى المحاولة مرة أخرى بعد قليل.

## الرسوم: الفواتير التالية، بنود الفواتير، الخصومات والضرائب

charges-next-invoice-on = الفاتورة التالية في { $date }: { $amount }
charges-next-invoice = الفاتورة التالية: { $amount }
charges-next-invoice-unavailable = الفاتورة التالية: المبلغ غير متاح الآن.
charges-separator = {" · "}
charges-percent-off = خصم { $percent }
charges-amount-off = خصم { $amount }
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms } حتى { $date }
charges-discount-once = { $terms } على هذه الفاتورة فقط
charges-discount = خصم
charges-tax-added = { $tax }: { $amount }
charges-tax-included = يشمل { $tax }: { $amount }
charges-includes-tax = يشمل { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = الضريبة
charges-next-invoice-heading = الفاتورة التالية
charges-next-invoice-title = الفاتورة التالية لـ { $plan }
charges-invoice-date = تاريخ الفاتورة: { $date }
charges-next-invoice-failed = تعذّر حساب فاتورتك التالية الآن، لذا لا يظهر أي مبلغ. لم يتغير شيء؛ يُرجى المحاولة مرة أخرى بعد قليل.
charges-no-next-invoice = لن تصدر فاتورة أخرى لهذا الاشتراك بوضعه الحالي.
charges-paid-with-card = سيُحصَّل المبلغ من { $card }.
charges-paid-by-email = سنرسل إليك فاتورة بالبريد الإلكتروني لدفعها.
charges-paid-without-card = لا توجد بطاقة محفوظة: أضف بطاقة قبل ذلك الحين ليتسنى دفع الفاتورة.
charges-usage-heading = الاستخدام في هذه الفترة
charges-usage-so-far = { $plan }: { $quantity } حتى الآن منذ { $since }
charges-usage-estimate = التقدير حتى الآن: { $amount }
charges-usage-unavailable = { $plan }: الاستخدام حتى الآن غير متاح حاليًا.
charges-more-lines = تظهر البنود الأولى فقط؛ تشمل الإجماليات كل البنود.
charges-back-to-overview = العودة إلى النظرة العامة
charges-lines-caption = بنود الفاتورة
charges-col-description = الوصف
charges-col-quantity = الكمية
charges-col-unit-price = سعر الوحدة
charges-period = { $start } – { $end }
charges-proration = تعديل بالتناسب
charges-subtotal = المجموع الفرعي
charges-total = الإجمالي
charges-total-excluding-tax = الإجمالي قبل الضريبة
charges-amount-paid = المبلغ المدفوع
charges-amount-remaining = المبلغ المتبقي
charges-invoice-title = الفاتورة { $number }
charges-invoice-untitled = فاتورة
charges-issued-on = صدرت في { $date }
charges-paid-on = دُفعت في { $date }
charges-due-on = تستحق في { $date }
charges-invoice-details = التفاصيل
charges-back-to-invoices = كل الفواتير
charges-cancel-not-charged = لن تُحصَّل منك فاتورتك التالية بقيمة { $amount } المستحقة في { $date }.
charges-cancel-not-charged-unavailable = لن تُحصَّل منك فاتورتك التالية.

## العروض بجانب "الإلغاء على أي حال"، وأسباب خاصة

offers-continue-button = متابعة
offers-you-said = أخبرتنا: { $reason }.
offers-change-reason = تغيير إجابتي
offers-offer-heading = قبل أن تغادر
offers-still-cancel-heading = هل ما زلت تريد الإلغاء؟
offers-cancel-anyway = الإلغاء على أي حال
offers-coupon-body = ابقَ واحصل على { $terms }.
offers-coupon-button = تطبيق الخصم
offers-pause-body = خذ استراحة بدلًا من ذلك: لن تُحاسَب ما دامت خطتك متوقفة مؤقتًا.
offers-pause-button = إيقاف مؤقت بدلًا من ذلك
offers-downgrade-body = تابع بتكلفة أقل مع { $plan }.
offers-downgrade-button = التبديل إلى { $plan }
offers-support-body = أخبرنا بما حدث؛ فقد نتمكن من إصلاحه.
offers-support-button = تحدث إلينا
offers-for-months =
    { $months ->
        [one] { $off } لمدة شهر واحد
        [two] { $off } لمدة شهرين
        [few] { $off } لمدة { $months } أشهر
        [many] { $off } لمدة { $months } شهرًا
       *[other] { $off } لمدة { $months } شهر
    }
offers-forever = { $off } طوال مدة اشتراكك
offers-offer-unavailable = لم يعد هذا العرض متاحًا لهذا الاشتراك. لم يتم تغيير أي شيء.
offers-offer-applied = تم: طُبِّق العرض على خطتك.

## Sign-in with an email address

login-title = سجّل الدخول لإدارة الفوترة
login-intro = أدخل عنوان البريد الإلكتروني لحسابك لدى { $tenant }. سنرسل إليك رابطًا لتسجيل الدخول عبر البريد الإلكتروني.
login-email-label = عنوان البريد الإلكتروني
login-button = أرسل لي رابط تسجيل الدخول
login-missing = أدخل عنوان بريدك الإلكتروني.
login-invalid = أدخل عنوان بريد إلكتروني مثل name@example.com.
login-sent-title = تحقق من بريدك الإلكتروني
login-sent-body = إذا كان هذا العنوان مرتبطًا بحساب، فرابط تسجيل الدخول في طريقه إليك. قد يستغرق وصوله بضع دقائق.
login-sent-again = استخدم عنوان بريد إلكتروني آخر
login-email-subject = رابط تسجيل الدخول إلى { $tenant }
login-email-intro = إليك رابطًا لإدارة الفوترة لدى { $tenant }، رابط لكل حساب يستخدم عنوان البريد الإلكتروني هذا:
login-email-account = الحساب { $number }
login-email-plans = يدفع مقابل: { $plans }
login-email-no-plans = لا يوجد اشتراك نشط
login-email-outro = يعمل كل رابط مرة واحدة وتنتهي صلاحيته بعد ساعة. إذا لم تطلب تسجيل الدخول، يمكنك تجاهل هذه الرسالة.
