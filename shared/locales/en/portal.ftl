# English (the source catalogue).
# Address: "you", plain and friendly; British spelling ("cancelled").
# Every other locale has exactly these messages, with exactly these arguments
# (shared/src/i18n/tests.rs fails otherwise).

## The language itself (the switcher lists each language in its own words)

language-name = English
language-switcher-label = Language
language-switcher-button = Change language

## Frame

skip-to-content = Skip to content
portal-title = Billing
nav-label = Billing
nav-overview = Overview
nav-invoices = Invoices
nav-billing-details = Billing details
return-to = Return to { $tenant }
contact-support = Contact support
signed-in-as = Signed in as { $customer }

## Landing, expired link, new link

landing-title = Open your billing page
landing-body = For your security, continue to open your billing page.
landing-button = Continue
gone-title = This link is no longer valid
gone-body = Links to the billing page work once and expire after a short time. We can email you a new one.
gone-email-button = Email me a new link
back-to = Back to { $tenant }
relink-sent-title = Check your email
relink-sent-body = If we have an email address for this account, a new link is on its way. It can take a few minutes to arrive.

## Emails

email-greeting = Hello,
relink-email-subject = Your { $tenant } billing link
relink-email-intro = Here is your new link to manage billing with { $tenant }:
relink-email-outro = It works once and expires soon. If you did not ask for it, you can ignore this email.
email-changed-subject = Your { $tenant } billing email was changed
email-changed-body = The billing email of your { $tenant } account was just changed to { $address }. Invoices and receipts go there from now on.
email-changed-warning = If you did not make this change, contact { $tenant } right away.
mail-cancel-scheduled-subject = Your { $tenant } { $plan } plan is set to cancel
mail-cancel-scheduled-ends = Your { $plan } plan will be cancelled on { $date }.
mail-cancel-scheduled-keep = You keep { $plan } until then; you will not be charged again.
mail-cancel-scheduled-renew = Changed your mind? You can renew with one click before that date.
mail-cancel-ended-subject = Your { $tenant } { $plan } plan has ended
mail-cancel-ended-body = Your { $plan } plan ended on { $date }. You will not be charged again.
mail-cancel-ended-welcome = You are welcome back at any time.
mail-cancel-undone-subject = Your { $tenant } { $plan } plan will continue
mail-cancel-undone-body = Your { $plan } plan is no longer set to cancel. It renews as usual.
mail-paused-subject = Your { $tenant } { $plan } plan is paused
mail-paused-until = Your { $plan } plan is paused until { $date }. You will not be charged while it is paused.
mail-paused = Your { $plan } plan is paused. You will not be charged while it is paused.
mail-resumed-subject = Your { $tenant } { $plan } plan has resumed
mail-resumed-body = Your { $plan } plan has resumed and bills as usual.
mail-portal-link-intro = Manage your billing with { $tenant } here:
mail-portal-link-text = Open your billing portal
mail-link-expired-hint = If the link has expired, open it anyway and choose "Email me a new link".

## Cancel page

cancel-plan = Cancel plan
cancel-title = Cancel { $plan }
cancel-ends-on = Your plan ends on { $date }; you keep { $plan } until then. You will not be charged again.
cancel-ends-now = Ends now: { $plan } stops immediately and you will not be charged again.
cancel-confirm = Confirm cancellation
reason-legend = Why are you cancelling? (optional)
reason-label =
    { $reason ->
        [too_expensive] It is too expensive
        [missing_features] Some features are missing
        [switched_service] I switched to another service
        [unused] I don't use it enough
        [customer_service] Customer service was less than expected
        [too_complex] It is too complex
        [low_quality] Quality was less than expected
       *[other] Other reason
    }
comment-label = Anything else you want to tell us? (optional)
pause-heading = Prefer a break?
pause-until-label = Resume on
pause-option =
    { $days ->
        [one] In { $days } day ({ $date })
       *[other] In { $days } days ({ $date })
    }
pause-button = Pause instead
renew-button = Renew
resume-button = Resume
keep-plan = Keep my plan
action-failed = That did not work, and nothing was changed. Please try again.
action-maybe-changed = That did not work, and part of it may have been saved. Check what you see below before trying again.

## Subscriptions

subscriptions-heading = Subscriptions
no-subscriptions = You have no active subscriptions.
subscription-status =
    { $status ->
        [trialing] Trial
        [active] Active
        [past_due] Past due
        [paused] Paused
        [unpaid] Unpaid
        [incomplete] Incomplete
        [incomplete_expired] Expired
        [canceled] Cancelled
       *[other] Unknown
    }
cancels-on = Cancels on { $date }
trial-ends-on = Trial ends on { $date }
paused-until = Paused until { $date }
# $interval is day, week, month or year; $count how many of them.
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } per day
                [week] { $amount } per week
                [month] { $amount } per month
                [year] { $amount } per year
               *[other] { $amount } per period
            }
       *[other]
            { $interval ->
                [day] { $amount } every { $count } days
                [week] { $amount } every { $count } weeks
                [month] { $amount } every { $count } months
                [year] { $amount } every { $count } years
               *[other] { $amount } every { $count } periods
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } per unit used, billed daily
                [week] { $amount } per unit used, billed weekly
                [month] { $amount } per unit used, billed monthly
                [year] { $amount } per unit used, billed yearly
               *[other] { $amount } per unit used, billed per period
            }
       *[other]
            { $interval ->
                [day] { $amount } per unit used, billed every { $count } days
                [week] { $amount } per unit used, billed every { $count } weeks
                [month] { $amount } per unit used, billed every { $count } months
                [year] { $amount } per unit used, billed every { $count } years
               *[other] { $amount } per unit used, billed every { $count } periods
            }
    }
price-tiered = Tiered pricing
quantity = × { $quantity }
unnamed-plan = Plan
items-label = Plan items

## Payment method

payment-method-heading = Payment method
card-ending = { $brand } ending in { $last4 }
card-expires = Expires { $month }/{ $year }
no-payment-method = No payment method on file.
update-card = Update card
add-card = Add a card
update-card-intro = You'll enter the new card on a secure payment page and come straight back. It becomes the card for all your subscriptions.
card-updated = Your card was updated. It is now used for all your subscriptions.
card-not-updated = Your card was not changed. If you finished on the payment page, it can take a moment to show here.
past-due-notice = The last payment for this plan failed, so it is past due. Pay the open invoice or update your card.
pay-open-invoice = Pay the open invoice
# Card brands Stripe names; "other" is any card.
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
       *[other] Card
    }

## Invoices

invoices-heading = Invoices
latest-invoices-heading = Latest invoices
view-all-invoices = View all invoices
col-date = Date
col-number = Number
col-amount = Amount
col-status = Status
col-actions = Documents
invoice-status =
    { $status ->
        [open] Due
        [paid] Paid
        [void] Void
        [uncollectible] Uncollectible
        [draft] Draft
       *[other] Unknown
    }
download-pdf = Download PDF
view-invoice = View invoice
pay-now = Pay now
# Hidden from sight, read after a link's text by screen readers ("Download PDF for invoice 0042").
for-invoice = {" "}for invoice { $number }
no-invoices = You have no invoices yet.
older-invoices = Older invoices
newest-invoices = Newest invoices
pagination-label = Invoice pages

## Billing details

billing-details-intro = These details appear on your invoices and receipts.
billing-field-label =
    { $field ->
        [email] Email
        [name] Name
        [line1] Address line 1
        [line2] Address line 2 (optional)
        [city] Town or city
        [state] State, county or region (optional)
        [postal_code] Postal code
        [country] Country code
        [tax_type] Type
       *[tax_value] Number
    }
# Empty where a field has no hint.
billing-field-hint =
    { $field ->
        [email] Invoices and receipts are sent here.
        [country] Two letters, such as US, GB or DE.
       *[other] {""}
    }
address-legend = Billing address
tax-id-legend = Tax ID (optional)
tax-type-none = No tax ID
tax-type-label =
    { $kind ->
        [eu_vat] EU VAT number
        [gb_vat] UK VAT number
        [us_ein] US EIN
        [ca_bn] Canadian BN
        [ca_gst_hst] Canadian GST/HST number
        [au_abn] Australian ABN
        [nz_gst] New Zealand GST number
        [ch_vat] Swiss VAT number
        [no_vat] Norwegian VAT number
        [in_gst] Indian GST number
        [jp_cn] Japanese corporate number
        [br_cnpj] Brazilian CNPJ
        [mx_rfc] Mexican RFC
        [za_vat] South African VAT number
       *[other] Tax ID
    }
save-button = Save
billing-saved = Saved. Your billing details are up to date.
form-problems-heading = Please correct the fields marked below
# $problem is what is wrong; $field which field (for "required").
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Enter your email address.
                [line1] Enter the first line of the address.
                [city] Enter the town or city.
                [postal_code] Enter the postal code.
                [country] Enter the two-letter country code.
                [tax_value] Enter the tax ID number, or choose "No tax ID".
               *[other] This field is required.
            }
        [too_long] This is too long: use at most 200 characters.
        [invalid_email] Enter an email address like name@example.com.
        [invalid_country] Enter a two-letter country code, such as US, GB or DE.
        [invalid_postal_code] Enter a postal code in the format used in this country.
        [invalid_tax_type] Choose a tax ID type from the list.
        [invalid_tax_id] Enter a tax ID number in the format of the chosen type.
       *[refused] This value was not accepted. Check it and try again.
    }

## Errors

section-unavailable = We couldn't load this right now. Please try again in a moment.
not-found-title = Page not found
not-found-body = There is nothing at this address.
error-title = Something went wrong
error-body = We couldn't show this page. Please try again in a moment.
forbidden-title = This request was refused
forbidden-body = The form had expired. Please go back, reload the page and try again.
method-title = This action is not available
session-ended-title = Your billing session has ended
session-ended-body = For your security, billing sessions end after a period of inactivity. Go back to the app and open billing again.
rate-limited-title = Too many requests
rate-limited-body = This billing session made a lot of requests in a short time. Wait a minute, then reload the page.

## Plan changes

plan-change-plan = Change plan
plan-title = Change { $plan }
plan-intro = Choose a plan to see what it costs before anything changes.
plan-item-legend = Which part of your subscription?
plan-current = (current plan)
plan-quantity-label = Quantity ({ $min } to { $max })
plan-preview-button = See what changes
plan-no-prices = No other plans are available for this subscription.
plan-preview-heading = What changes
plan-from-to = From { $from } to { $to }
plan-due-now = Charged today: { $amount }
plan-nothing-now = Nothing is charged today.
plan-proration-charge = Includes { $amount } for the rest of the current period (prorated).
plan-proration-credit = Includes a credit of { $amount } for the unused part of the current period.
plan-next-invoice = Next invoice on { $date }: { $amount }
plan-then-each-renewal = Then { $amount } at each renewal.
plan-applies-at = Your plan changes to { $plan } on { $date }; you keep your current plan until then.
plan-applies-now = The change applies as soon as you confirm.
plan-confirm-button = Confirm change
plan-changes-on = Changes to { $plan } on { $date }
plan-switch-heading = Prefer a smaller plan?
plan-switch-instead = Switch to { $plan } instead
plan-refused-price = That plan is not available for this subscription. Nothing was changed.
plan-refused-item = That item is not part of this subscription. Nothing was changed.
plan-refused-choose-item = Choose which part of your subscription to change.
plan-refused-quantity = Choose a quantity from { $min } to { $max }. Nothing was changed.
plan-refused-quantity-fixed = The quantity cannot be changed here. Nothing was changed.
plan-refused-duplicate = That plan is already part of your subscription. Nothing was changed.
plan-refused-state = This subscription cannot change plan right now. Nothing was changed.
plan-refused-same = That is your current plan. Choose another one to see what changes.
plan-preview-unavailable = We couldn't work out the cost of this change right now. Nothing was changed; please try again in a moment.

## Charges: next invoices, itemised invoices, discounts and taxes

charges-next-invoice-on = Next invoice on { $date }: { $amount }
charges-next-invoice = Next invoice: { $amount }
charges-next-invoice-unavailable = Next invoice: the amount is unavailable right now.
# Between the discount and the tax in one line.
charges-separator = {" · "}
charges-percent-off = { $percent } off
charges-amount-off = { $amount } off
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, until { $date }
charges-discount-once = { $terms }, on this invoice only
charges-discount = Discount
charges-tax-added = { $tax }: { $amount }
charges-tax-included = Includes { $tax }: { $amount }
charges-includes-tax = Includes { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = Tax
charges-next-invoice-heading = Next invoice
charges-next-invoice-title = Next invoice for { $plan }
charges-invoice-date = Invoice date: { $date }
charges-next-invoice-failed = We couldn't work out your next invoice right now, so no amount is shown. Nothing has changed; please try again in a moment.
charges-no-next-invoice = This subscription will not be invoiced again as it stands.
charges-paid-with-card = It will be charged to your { $card }.
charges-paid-by-email = We will email you an invoice to pay.
charges-paid-without-card = No card is on file: add one before then so the invoice can be paid.
charges-usage-heading = Usage this period
charges-usage-so-far = { $plan }: { $quantity } so far since { $since }
charges-usage-estimate = Estimate so far: { $amount }
charges-usage-unavailable = { $plan }: usage so far is unavailable right now.
charges-more-lines = Only the first lines are listed; the totals include every line.
charges-back-to-overview = Back to the overview
charges-lines-caption = What the invoice charges
charges-col-description = Description
charges-col-quantity = Quantity
charges-col-unit-price = Unit price
charges-period = { $start } – { $end }
charges-proration = Prorated adjustment
charges-subtotal = Subtotal
charges-total = Total
charges-total-excluding-tax = Total before tax
charges-amount-paid = Amount paid
charges-amount-remaining = Amount remaining
charges-invoice-title = Invoice { $number }
charges-invoice-untitled = Invoice
charges-issued-on = Issued on { $date }
charges-paid-on = Paid on { $date }
charges-due-on = Due on { $date }
charges-invoice-details = Details
charges-back-to-invoices = All invoices
charges-cancel-not-charged = You won't be charged your next invoice of { $amount }, due on { $date }.
charges-cancel-not-charged-unavailable = You won't be charged your next invoice.

## Offers beside "Cancel anyway", custom reasons

offers-continue-button = Continue
offers-you-said = You told us: { $reason }.
offers-change-reason = Change my answer
offers-offer-heading = Before you go
offers-still-cancel-heading = Still want to cancel?
offers-cancel-anyway = Cancel anyway
# $terms is the coupon's terms, for example "20% off for 3 months".
offers-coupon-body = Stay and get { $terms }.
offers-coupon-button = Apply the discount
offers-pause-body = Take a break instead: you won't be charged while your plan is paused.
offers-pause-button = Pause instead
offers-downgrade-body = Keep going for less on { $plan }.
offers-downgrade-button = Switch to { $plan }
offers-support-body = Tell us what went wrong; we may be able to fix it.
offers-support-button = Talk to us
# $off is "20% off" or "$5.00 off".
offers-for-months =
    { $months ->
        [one] { $off } for { $months } month
       *[other] { $off } for { $months } months
    }
offers-forever = { $off } for as long as you stay
offers-offer-unavailable = This offer is no longer available for this subscription. Nothing was changed.
offers-offer-applied = Done: the offer is applied to your plan.

## Sign-in with an email address

login-title = Sign in to manage billing
login-intro = Enter the email address of your { $tenant } account. We will email you a link that signs you in.
login-email-label = Email address
login-button = Email me a sign-in link
login-missing = Enter your email address.
login-invalid = Enter an email address like name@example.com.
login-sent-title = Check your email
login-sent-body = If this address belongs to an account, a sign-in link is on its way. It can take a few minutes to arrive.
login-sent-again = Use another email address
login-email-subject = Your { $tenant } sign-in link
login-email-intro = Here is a link to manage your billing with { $tenant }, one for each account that uses this email address:
login-email-account = Account { $number }
login-email-plans = Pays for: { $plans }
login-email-no-plans = No active subscription
login-email-outro = Each link works once and expires in an hour. If you did not ask to sign in, you can ignore this email.
