# עברית.
# פנייה: בלשון רבים (לחצו, המנוי שלכם) כפנייה מכלילה ומנומסת, בעקביות; טקסט מימין לשמאל, והערכים
# המשובצים מבודדים כיוונית.

## השפה

language-name = עברית
language-switcher-label = שפה
language-switcher-button = החלפת שפה

## מסגרת

skip-to-content = דילוג לתוכן
portal-title = חיובים
nav-label = חיובים
nav-overview = סקירה כללית
nav-invoices = חשבוניות
nav-billing-details = פרטי חיוב
return-to = חזרה אל { $tenant }
contact-support = פנייה לתמיכה
signed-in-as = מחוברים בתור { $customer }

## דף פתיחה, קישור שפג תוקפו, קישור חדש

landing-title = פתיחת דף החיובים שלכם
landing-body = לשמירה על אבטחתכם, לחצו על "המשך" כדי לפתוח את דף החיובים.
landing-button = המשך
gone-title = הקישור הזה כבר לא בתוקף
gone-body = קישורים לדף החיובים פועלים פעם אחת בלבד ופג תוקפם לאחר זמן קצר. נוכל לשלוח לכם קישור חדש באימייל.
gone-email-button = שלחו לי קישור חדש באימייל
back-to = חזרה אל { $tenant }
relink-sent-title = בדקו את תיבת האימייל
relink-sent-body = אם יש לנו כתובת אימייל עבור החשבון הזה, קישור חדש כבר בדרך. ייתכן שיעברו כמה דקות עד שיגיע.

## אימיילים

email-greeting = שלום,
relink-email-subject = קישור החיובים שלכם ב-{ $tenant }
relink-email-intro = זה הקישור החדש שלכם לניהול החיובים ב-{ $tenant }:
relink-email-outro = הקישור פועל פעם אחת ותוקפו יפוג בקרוב. אם לא ביקשתם אותו, אפשר להתעלם מהאימייל הזה.
email-changed-subject = כתובת האימייל לחיובים בחשבון { $tenant } שלכם שונתה
email-changed-body = כתובת האימייל לחיובים בחשבון { $tenant } שלכם שונתה זה עתה ל-{ $address }. מעכשיו חשבוניות וקבלות יישלחו אליה.
email-changed-warning = אם לא אתם ביצעתם את השינוי, פנו מיד אל { $tenant }.
mail-cancel-scheduled-subject = המינוי { $plan } שלכם ב-{ $tenant } יבוטל
mail-cancel-scheduled-ends = המינוי { $plan } שלכם יבוטל ב-{ $date }.
mail-cancel-scheduled-keep = עד אז { $plan } נשאר זמין לכם; לא תחויבו שוב.
mail-cancel-scheduled-renew = התחרטתם? אפשר לחדש בלחיצה אחת לפני התאריך הזה.
mail-cancel-ended-subject = המינוי { $plan } שלכם ב-{ $tenant } הסתיים
mail-cancel-ended-body = המינוי { $plan } שלכם הסתיים ב-{ $date }. לא תחויבו שוב.
mail-cancel-ended-welcome = תמיד תוכלו לחזור.
mail-cancel-undone-subject = המינוי { $plan } שלכם ב-{ $tenant } ממשיך
mail-cancel-undone-body = המינוי { $plan } שלכם כבר לא מתוכנן להתבטל. הוא יתחדש כרגיל.
mail-paused-subject = המינוי { $plan } שלכם ב-{ $tenant } מושהה
mail-paused-until = המינוי { $plan } שלכם מושהה עד { $date }. לא תחויבו בזמן ההשהיה.
mail-paused = המינוי { $plan } שלכם מושהה. לא תחויבו בזמן ההשהיה.
mail-resumed-subject = המינוי { $plan } שלכם ב-{ $tenant } חודש
mail-resumed-body = המינוי { $plan } שלכם חודש ומחויב כרגיל.
mail-portal-link-intro = כאן אפשר לנהל את החיובים שלכם ב-{ $tenant }:
mail-portal-link-text = פתיחת פורטל החיובים
mail-link-expired-hint = אם תוקף הקישור פג, פתחו אותו בכל זאת ובחרו "שלחו לי קישור חדש באימייל".

## ביטול

cancel-plan = ביטול המינוי
cancel-title = ביטול { $plan }
cancel-ends-on = המינוי שלכם מסתיים ב-{ $date }; עד אז { $plan } נשאר זמין לכם. לא תחויבו שוב.
cancel-ends-now = מסתיים עכשיו: { $plan } ייפסק מיד ולא תחויבו שוב.
cancel-confirm = אישור הביטול
reason-legend = למה אתם מבטלים? (לא חובה)
reason-label =
    { $reason ->
        [too_expensive] המחיר גבוה מדי
        [missing_features] חסרות תכונות
        [switched_service] עברנו לשירות אחר
        [unused] אנחנו לא משתמשים בזה מספיק
        [customer_service] שירות הלקוחות לא עמד בציפיות
        [too_complex] השימוש מסובך מדי
        [low_quality] האיכות לא עמדה בציפיות
       *[other] סיבה אחרת
    }
comment-label = רוצים לספר לנו עוד משהו? (לא חובה)
pause-heading = מעדיפים הפסקה?
pause-until-label = חידוש בתאריך
pause-option =
    { $days ->
        [one] בעוד יום אחד ({ $date })
        [two] בעוד יומיים ({ $date })
       *[other] בעוד { $days } ימים ({ $date })
    }
pause-button = השהיה במקום ביטול
renew-button = חידוש
resume-button = המשך המינוי
keep-plan = השארת המינוי
action-failed = הפעולה לא הצליחה ושום דבר לא השתנה. נסו שוב.
action-maybe-changed = הפעולה לא הצליחה, וייתכן שחלק ממנה נשמר. בדקו את הפרטים שלמטה לפני שתנסו שוב.

## מינויים

subscriptions-heading = מינויים
no-subscriptions = אין לכם מינויים פעילים.
subscription-status =
    { $status ->
        [trialing] תקופת ניסיון
        [active] פעיל
        [past_due] באיחור תשלום
        [paused] מושהה
        [unpaid] לא שולם
        [incomplete] לא הושלם
        [incomplete_expired] פג תוקף
        [canceled] בוטל
       *[other] לא ידוע
    }
cancels-on = יבוטל ב-{ $date }
trial-ends-on = תקופת הניסיון מסתיימת ב-{ $date }
paused-until = מושהה עד { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } ליום
                [week] { $amount } לשבוע
                [month] { $amount } לחודש
                [year] { $amount } לשנה
               *[other] { $amount } לתקופה
            }
        [two]
            { $interval ->
                [day] { $amount } כל יומיים
                [week] { $amount } כל שבועיים
                [month] { $amount } כל חודשיים
                [year] { $amount } כל שנתיים
               *[other] { $amount } כל שתי תקופות
            }
       *[other]
            { $interval ->
                [day] { $amount } כל { $count } ימים
                [week] { $amount } כל { $count } שבועות
                [month] { $amount } כל { $count } חודשים
                [year] { $amount } כל { $count } שנים
               *[other] { $amount } כל { $count } תקופות
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } ליחידה בשימוש, בחיוב יומי
                [week] { $amount } ליחידה בשימוש, בחיוב שבועי
                [month] { $amount } ליחידה בשימוש, בחיוב חודשי
                [year] { $amount } ליחידה בשימוש, בחיוב שנתי
               *[other] { $amount } ליחידה בשימוש, בחיוב לכל תקופה
            }
        [two]
            { $interval ->
                [day] { $amount } ליחידה בשימוש, בחיוב כל יומיים
                [week] { $amount } ליחידה בשימוש, בחיוב כל שבועיים
                [month] { $amount } ליחידה בשימוש, בחיוב כל חודשיים
                [year] { $amount } ליחידה בשימוש, בחיוב כל שנתיים
               *[other] { $amount } ליחידה בשימוש, בחיוב כל שתי תקופות
            }
       *[other]
            { $interval ->
                [day] { $amount } ליחידה בשימוש, בחיוב כל { $count } ימים
                [week] { $amount } ליחידה בשימוש, בחיוב כל { $count } שבועות
                [month] { $amount } ליחידה בשימוש, בחיוב כל { $count } חודשים
                [year] { $amount } ליחידה בשימוש, בחיוב כל { $count } שנים
               *[other] { $amount } ליחידה בשימוש, בחיוב כל { $count } תקופות
            }
    }
price-tiered = תמחור מדורג
quantity = × { $quantity }
unnamed-plan = מינוי
items-label = רכיבי המינוי

## אמצעי תשלום

payment-method-heading = אמצעי תשלום
card-ending = { $brand } שמסתיים ב-{ $last4 }
card-expires = בתוקף עד { $month }/{ $year }
no-payment-method = לא שמור אמצעי תשלום.
update-card = עדכון כרטיס
add-card = הוספת כרטיס
update-card-intro = תזינו את הכרטיס החדש בדף תשלום מאובטח ותחזרו לכאן מיד. הוא ישמש לכל המינויים שלכם.
card-updated = הכרטיס שלכם עודכן. מעכשיו הוא משמש לכל המינויים שלכם.
card-not-updated = הכרטיס שלכם לא השתנה. אם השלמתם את התהליך בדף התשלום, ייתכן שיחלוף רגע עד שיופיע כאן.
past-due-notice = התשלום האחרון עבור המינוי הזה נכשל, ולכן הוא באיחור תשלום. שלמו את החשבונית הפתוחה או עדכנו את הכרטיס.
pay-open-invoice = תשלום החשבונית הפתוחה
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
       *[other] כרטיס
    }

## חשבוניות

invoices-heading = חשבוניות
latest-invoices-heading = חשבוניות אחרונות
view-all-invoices = הצגת כל החשבוניות
col-date = תאריך
col-number = מספר
col-amount = סכום
col-status = סטטוס
col-actions = מסמכים
invoice-status =
    { $status ->
        [open] לתשלום
        [paid] שולמה
        [void] בוטלה
        [uncollectible] לא ניתנת לגבייה
        [draft] טיוטה
       *[other] לא ידוע
    }
download-pdf = הורדת PDF
view-invoice = הצגת החשבונית
pay-now = לתשלום עכשיו
for-invoice = {" "}של חשבונית { $number }
no-invoices = עדיין אין לכם חשבוניות.
older-invoices = חשבוניות קודמות
newest-invoices = החשבוניות החדשות ביותר
pagination-label = עמודי חשבוניות

## פרטי חיוב

billing-details-intro = הפרטים האלה מופיעים בחשבוניות ובקבלות שלכם.
billing-field-label =
    { $field ->
        [email] אימייל
        [name] שם
        [line1] שורת כתובת 1
        [line2] שורת כתובת 2 (לא חובה)
        [city] עיר או יישוב
        [state] מחוז או אזור (לא חובה)
        [postal_code] מיקוד
        [country] קוד מדינה
        [tax_type] סוג
       *[tax_value] מספר
    }
billing-field-hint =
    { $field ->
        [email] חשבוניות וקבלות יישלחו לכתובת הזו.
        [country] שתי אותיות לטיניות, למשל IL,‏ US או GB.
       *[other] {""}
    }
address-legend = כתובת לחיוב
tax-id-legend = מספר מזהה לצורכי מס (לא חובה)
tax-type-none = ללא מספר מזהה לצורכי מס
tax-type-label =
    { $kind ->
        [eu_vat] מספר מע"מ באיחוד האירופי
        [gb_vat] מספר מע"מ בבריטניה
        [us_ein] EIN אמריקאי
        [ca_bn] BN קנדי
        [ca_gst_hst] מספר GST/HST קנדי
        [au_abn] ABN אוסטרלי
        [nz_gst] מספר GST ניו־זילנדי
        [ch_vat] מספר מע"מ שווייצרי
        [no_vat] מספר מע"מ נורווגי
        [in_gst] מספר GST הודי
        [jp_cn] מספר תאגיד יפני
        [br_cnpj] CNPJ ברזילאי
        [mx_rfc] RFC מקסיקני
        [za_vat] מספר מע"מ דרום אפריקאי
       *[other] מספר מזהה לצורכי מס
    }
save-button = שמירה
billing-saved = נשמר. פרטי החיוב שלכם מעודכנים.
form-problems-heading = יש לתקן את השדות המסומנים למטה
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] הזינו את כתובת האימייל שלכם.
                [line1] הזינו את השורה הראשונה של הכתובת.
                [city] הזינו את העיר או היישוב.
                [postal_code] הזינו את המיקוד.
                [country] הזינו קוד מדינה בן שתי אותיות.
                [tax_value] הזינו את המספר המזהה לצורכי מס, או בחרו "ללא מספר מזהה לצורכי מס".
               *[other] זהו שדה חובה.
            }
        [too_long] הטקסט ארוך מדי: עד 200 תווים.
        [invalid_email] הזינו כתובת אימייל כמו name@example.com.
        [invalid_country] הזינו קוד מדינה בן שתי אותיות, למשל IL,‏ US או GB.
        [invalid_postal_code] הזינו מיקוד בפורמט הנהוג במדינה הזו.
        [invalid_tax_type] בחרו סוג מספר מזהה מהרשימה.
        [invalid_tax_id] הזינו את המספר בפורמט של הסוג שנבחר.
       *[refused] הערך הזה לא התקבל. בדקו אותו ונסו שוב.
    }

## שגיאות

section-unavailable = לא הצלחנו לטעון את זה כרגע. נסו שוב בעוד רגע.
not-found-title = הדף לא נמצא
not-found-body = אין כלום בכתובת הזו.
error-title = משהו השתבש
error-body = לא הצלחנו להציג את הדף הזה. נסו שוב בעוד רגע.
forbidden-title = הבקשה נדחתה
forbidden-body = תוקף הטופס פג. חזרו אחורה, טענו את הדף מחדש ונסו שוב.
method-title = הפעולה הזו אינה זמינה
session-ended-title = הפעלת החיובים שלכם הסתיימה
session-ended-body = לשמירה על אבטחתכם, הפעלות חיובים מסתיימות לאחר זמן ללא פעילות. חזרו לאפליקציה ופתחו שוב את החיובים.
rate-limited-title = יותר מדי בקשות
rate-limited-body = הפעלת החיובים הזו שלחה בקשות רבות בזמן קצר. המתינו דקה ואז טענו את הדף מחדש.

## החלפת מינוי

plan-change-plan = החלפת מינוי
plan-title = החלפת { $plan }
plan-intro = בחרו מינוי כדי לראות כמה הוא עולה לפני שמשהו משתנה.
plan-item-legend = איזה חלק של המינוי שלכם?
plan-current = (המינוי הנוכחי)
plan-quantity-label = כמות ({ $min } עד { $max })
plan-preview-button = מה ישתנה
plan-no-prices = אין מינויים אחרים זמינים עבור המינוי הזה.
plan-preview-heading = מה ישתנה
plan-from-to = מ-{ $from } ל-{ $to }
plan-due-now = חיוב היום: { $amount }
plan-nothing-now = לא יבוצע חיוב היום.
plan-proration-charge = כולל { $amount } עבור יתרת התקופה הנוכחית (באופן יחסי).
plan-proration-credit = כולל זיכוי של { $amount } עבור החלק שלא נוצל בתקופה הנוכחית.
plan-next-invoice = החשבונית הבאה ב-{ $date }: { $amount }
plan-then-each-renewal = לאחר מכן { $amount } בכל חידוש.
plan-applies-at = המינוי שלכם יוחלף ל-{ $plan } ב-{ $date }; עד אז המינוי הנוכחי נשאר בתוקף.
plan-applies-now = השינוי ייכנס לתוקף מיד עם האישור.
plan-confirm-button = אישור השינוי
plan-changes-on = יוחלף ל-{ $plan } ב-{ $date }
plan-switch-heading = מעדיפים מינוי קטן יותר?
plan-switch-instead = מעבר ל-{ $plan } במקום זאת
plan-refused-price = המינוי הזה אינו זמין עבור המינוי הנוכחי. שום דבר לא השתנה.
plan-refused-item = הפריט הזה אינו חלק מהמינוי. שום דבר לא השתנה.
plan-refused-choose-item = בחרו איזה חלק של המינוי להחליף.
plan-refused-quantity = בחרו כמות בין { $min } ל-{ $max }. שום דבר לא השתנה.
plan-refused-quantity-fixed = אי אפשר לשנות כאן את הכמות. שום דבר לא השתנה.
plan-refused-duplicate = המינוי הזה כבר חלק מהמינוי שלכם. שום דבר לא השתנה.
plan-refused-state = אי אפשר להחליף את המינוי הזה כרגע. שום דבר לא השתנה.
plan-refused-same = זה המינוי הנוכחי שלכם. בחרו מינוי אחר כדי לראות מה ישתנה.
plan-preview-unavailable = לא הצלחנו לחשב כרגע את עלות השינוי. שום דבר לא השתנה; נסו שוב בעוד רגע.

## חיובים: חשבוניות הבאות, שורות חשבונית, הנחות ומסים

charges-next-invoice-on = החשבונית הבאה ב-{ $date }: { $amount }
charges-next-invoice = החשבונית הבאה: { $amount }
charges-next-invoice-unavailable = החשבונית הבאה: הסכום אינו זמין כרגע.
charges-separator = {" · "}
charges-percent-off = הנחה של { $percent }
charges-amount-off = הנחה של { $amount }
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, עד { $date }
charges-discount-once = { $terms }, בחשבונית הזו בלבד
charges-discount = הנחה
charges-tax-added = { $tax }: { $amount }
charges-tax-included = כולל { $tax }: { $amount }
charges-includes-tax = כולל { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = מס
charges-next-invoice-heading = החשבונית הבאה
charges-next-invoice-title = החשבונית הבאה עבור { $plan }
charges-invoice-date = תאריך החשבונית: { $date }
charges-next-invoice-failed = לא הצלחנו לחשב כרגע את החשבונית הבאה שלכם, ולכן לא מוצג סכום. שום דבר לא השתנה; נסו שוב בעוד רגע.
charges-no-next-invoice = במצבו הנוכחי, המינוי הזה לא יחויב שוב.
charges-paid-with-card = החיוב יבוצע ב-{ $card } שלכם.
charges-paid-by-email = נשלח לכם חשבונית לתשלום באימייל.
charges-paid-without-card = לא שמור כרטיס: הוסיפו כרטיס לפני המועד כדי שאפשר יהיה לשלם את החשבונית.
charges-usage-heading = שימוש בתקופה הזו
charges-usage-so-far = { $plan }: { $quantity } עד כה, מאז { $since }
charges-usage-estimate = הערכה עד כה: { $amount }
charges-usage-unavailable = { $plan }: נתוני השימוש עד כה אינם זמינים כרגע.
charges-more-lines = מוצגות רק השורות הראשונות; הסכומים כוללים את כל השורות.
charges-back-to-overview = חזרה לסקירה הכללית
charges-lines-caption = שורות החשבונית
charges-col-description = תיאור
charges-col-quantity = כמות
charges-col-unit-price = מחיר ליחידה
charges-period = { $start } – { $end }
charges-proration = התאמה יחסית
charges-subtotal = סכום ביניים
charges-total = סה"כ
charges-total-excluding-tax = סה"כ לפני מס
charges-amount-paid = סכום ששולם
charges-amount-remaining = יתרה לתשלום
charges-invoice-title = חשבונית { $number }
charges-invoice-untitled = חשבונית
charges-issued-on = הונפקה ב-{ $date }
charges-paid-on = שולמה ב-{ $date }
charges-due-on = לתשלום עד { $date }
charges-invoice-details = פרטים
charges-back-to-invoices = כל החשבוניות
charges-cancel-not-charged = לא תחויבו בחשבונית הבאה על סך { $amount }, שמועדה ב-{ $date }.
charges-cancel-not-charged-unavailable = לא תחויבו בחשבונית הבאה.

## הצעות לצד "לבטל בכל זאת", סיבות משלכם

offers-continue-button = המשך
offers-you-said = סיפרת לנו: { $reason }.
offers-change-reason = שינוי התשובה
offers-offer-heading = לפני שהולכים
offers-still-cancel-heading = עדיין רוצים לבטל?
offers-cancel-anyway = לבטל בכל זאת
offers-coupon-body = הישארו וקבלו { $terms }.
offers-coupon-button = החלת ההנחה
offers-pause-body = אפשר לקחת הפסקה במקום: לא תחויבו כל עוד התוכנית מושהית.
offers-pause-button = השהיה במקום
offers-downgrade-body = המשיכו בפחות עם { $plan }.
offers-downgrade-button = מעבר אל { $plan }
offers-support-body = ספרו לנו מה השתבש; אולי נוכל לתקן.
offers-support-button = דברו איתנו
offers-for-months =
    { $months ->
        [one] { $off } למשך חודש אחד
        [two] { $off } למשך חודשיים
       *[other] { $off } למשך { $months } חודשים
    }
offers-forever = { $off } כל עוד נשארים
offers-offer-unavailable = ההצעה הזאת כבר לא זמינה למינוי הזה. לא שונה דבר.
offers-offer-applied = בוצע: ההצעה הוחלה על התוכנית שלכם.

## Sign-in with an email address

login-title = התחברו כדי לנהל את החיובים
login-intro = הזינו את כתובת האימייל של החשבון שלכם ב-{ $tenant }. נשלח לכם באימייל קישור להתחברות.
login-email-label = כתובת אימייל
login-button = שלחו לי קישור להתחברות
login-missing = הזינו את כתובת האימייל שלכם.
login-invalid = הזינו כתובת אימייל כמו name@example.com.
login-sent-title = בדקו את האימייל שלכם
login-sent-body = אם הכתובת הזו שייכת לחשבון, קישור להתחברות כבר בדרך. ייתכן שיעברו כמה דקות עד שיגיע.
login-sent-again = שימוש בכתובת אימייל אחרת
login-email-subject = הקישור שלכם להתחברות ל-{ $tenant }
login-email-intro = זה קישור לניהול החיובים שלכם ב-{ $tenant }, אחד לכל חשבון שמשתמש בכתובת האימייל הזו:
login-email-account = חשבון { $number }
login-email-plans = משלם עבור: { $plans }
login-email-no-plans = אין מינוי פעיל
login-email-outro = כל קישור פועל פעם אחת ותוקפו פג אחרי שעה. אם לא ביקשתם להתחבר, אפשר להתעלם מהאימייל הזה.
