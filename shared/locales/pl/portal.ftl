# Polski.
# Forma zwracania się: bezpośrednia („Ty”, małą literą w formach czasownika), jak w większości polskich
# serwisów internetowych; unikamy form czasu przeszłego zależnych od płci (konstrukcje bezosobowe).

## Język

language-name = Polski
language-switcher-label = Język
language-switcher-button = Zmień język

## Ramka

skip-to-content = Przejdź do treści
portal-title = Płatności
nav-label = Płatności
nav-overview = Przegląd
nav-invoices = Faktury
nav-billing-details = Dane do faktury
return-to = Wróć do { $tenant }
contact-support = Skontaktuj się z pomocą
signed-in-as = Zalogowano jako { $customer }

## Strona startowa, wygasły link, nowy link

landing-title = Otwórz stronę płatności
landing-body = Dla Twojego bezpieczeństwa kliknij „Dalej”, aby otworzyć stronę płatności.
landing-button = Dalej
gone-title = Ten link jest już nieważny
gone-body = Linki do strony płatności działają tylko raz i wygasają po krótkim czasie. Możemy wysłać Ci nowy e-mailem.
gone-email-button = Wyślij mi nowy link
back-to = Wróć do { $tenant }
relink-sent-title = Sprawdź skrzynkę e-mail
relink-sent-body = Jeśli mamy adres e-mail dla tego konta, nowy link jest już w drodze. Dotarcie wiadomości może potrwać kilka minut.

## E-maile

email-greeting = Dzień dobry,
relink-email-subject = Twój link do płatności w { $tenant }
relink-email-intro = Oto Twój nowy link do zarządzania płatnościami w { $tenant }:
relink-email-outro = Działa tylko raz i wkrótce wygaśnie. Jeśli nie była to Twoja prośba, zignoruj tę wiadomość.
email-changed-subject = Zmieniono adres e-mail do faktur w { $tenant }
email-changed-body = Adres e-mail do faktur Twojego konta w { $tenant } został właśnie zmieniony na { $address }. Od teraz faktury i potwierdzenia będą wysyłane na ten adres.
email-changed-warning = Jeśli ta zmiana nie pochodzi od Ciebie, od razu skontaktuj się z { $tenant }.
mail-cancel-scheduled-subject = Twój plan { $plan } w { $tenant } zostanie anulowany
mail-cancel-scheduled-ends = Twój plan { $plan } zostanie anulowany { $date }.
mail-cancel-scheduled-keep = Do tego dnia masz dostęp do { $plan }; nie pobierzemy już żadnych opłat.
mail-cancel-scheduled-renew = Zmiana decyzji? Przed tą datą możesz jednym kliknięciem przywrócić plan.
mail-cancel-ended-subject = Twój plan { $plan } w { $tenant } został zakończony
mail-cancel-ended-body = Twój plan { $plan } zakończył się { $date }. Nie pobierzemy już żadnych opłat.
mail-cancel-ended-welcome = Zawsze możesz do nas wrócić.
mail-cancel-undone-subject = Twój plan { $plan } w { $tenant } będzie kontynuowany
mail-cancel-undone-body = Twój plan { $plan } nie zostanie już anulowany. Odnowi się jak zwykle.
mail-paused-subject = Twój plan { $plan } w { $tenant } jest wstrzymany
mail-paused-until = Twój plan { $plan } jest wstrzymany do { $date }. W czasie przerwy nie pobieramy opłat.
mail-paused = Twój plan { $plan } jest wstrzymany. W czasie przerwy nie pobieramy opłat.
mail-resumed-subject = Twój plan { $plan } w { $tenant } został wznowiony
mail-resumed-body = Twój plan { $plan } został wznowiony i jest rozliczany jak zwykle.
mail-portal-link-intro = Tutaj zarządzasz płatnościami w { $tenant }:
mail-portal-link-text = Otwórz portal płatności
mail-link-expired-hint = Jeśli link wygasł, i tak go otwórz i wybierz „Wyślij mi nowy link”.

## Anulowanie

cancel-plan = Anuluj plan
cancel-title = Anuluj { $plan }
cancel-ends-on = Twój plan kończy się { $date }; do tego dnia masz dostęp do { $plan }. Nie pobierzemy już żadnych opłat.
cancel-ends-now = Kończy się teraz: { $plan } zostanie natychmiast wyłączony i nie pobierzemy już żadnych opłat.
cancel-confirm = Potwierdź anulowanie
reason-legend = Dlaczego anulujesz? (opcjonalnie)
reason-label =
    { $reason ->
        [too_expensive] Jest za drogo
        [missing_features] Brakuje mi funkcji
        [switched_service] Przechodzę do innej usługi
        [unused] Za rzadko z tego korzystam
        [customer_service] Obsługa klienta nie spełnia oczekiwań
        [too_complex] To zbyt skomplikowane
        [low_quality] Jakość nie spełnia oczekiwań
       *[other] Inny powód
    }
comment-label = Chcesz nam coś jeszcze przekazać? (opcjonalnie)
pause-heading = Może wolisz przerwę?
pause-until-label = Wznów
pause-option =
    { $days ->
        [one] Za { $days } dzień ({ $date })
       *[other] Za { $days } dni ({ $date })
    }
pause-button = Zamiast tego wstrzymaj
renew-button = Przywróć plan
resume-button = Wznów
keep-plan = Zachowaj mój plan
action-failed = Nie udało się i nic nie zostało zmienione. Spróbuj ponownie.
action-maybe-changed = Nie udało się, a część zmian mogła zostać zapisana. Zanim spróbujesz ponownie, sprawdź dane poniżej.

## Subskrypcje

subscriptions-heading = Subskrypcje
no-subscriptions = Nie masz aktywnych subskrypcji.
subscription-status =
    { $status ->
        [trialing] Okres próbny
        [active] Aktywna
        [past_due] Zaległa
        [paused] Wstrzymana
        [unpaid] Nieopłacona
        [incomplete] Niekompletna
        [incomplete_expired] Wygasła
        [canceled] Anulowana
       *[other] Nieznany
    }
cancels-on = Kończy się { $date }
trial-ends-on = Okres próbny kończy się { $date }
paused-until = Wstrzymana do { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } dziennie
                [week] { $amount } tygodniowo
                [month] { $amount } miesięcznie
                [year] { $amount } rocznie
               *[other] { $amount } za okres
            }
        [few]
            { $interval ->
                [day] { $amount } co { $count } dni
                [week] { $amount } co { $count } tygodnie
                [month] { $amount } co { $count } miesiące
                [year] { $amount } co { $count } lata
               *[other] { $amount } co { $count } okresy
            }
       *[other]
            { $interval ->
                [day] { $amount } co { $count } dni
                [week] { $amount } co { $count } tygodni
                [month] { $amount } co { $count } miesięcy
                [year] { $amount } co { $count } lat
               *[other] { $amount } co { $count } okresów
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } za wykorzystaną jednostkę, rozliczane codziennie
                [week] { $amount } za wykorzystaną jednostkę, rozliczane co tydzień
                [month] { $amount } za wykorzystaną jednostkę, rozliczane co miesiąc
                [year] { $amount } za wykorzystaną jednostkę, rozliczane co rok
               *[other] { $amount } za wykorzystaną jednostkę, rozliczane za każdy okres
            }
        [few]
            { $interval ->
                [day] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } dni
                [week] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } tygodnie
                [month] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } miesiące
                [year] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } lata
               *[other] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } okresy
            }
       *[other]
            { $interval ->
                [day] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } dni
                [week] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } tygodni
                [month] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } miesięcy
                [year] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } lat
               *[other] { $amount } za wykorzystaną jednostkę, rozliczane co { $count } okresów
            }
    }
price-tiered = Cennik progowy
quantity = × { $quantity }
unnamed-plan = Plan
items-label = Elementy planu

## Metoda płatności

payment-method-heading = Metoda płatności
card-ending = { $brand } z końcówką { $last4 }
card-expires = Ważna do { $month }/{ $year }
no-payment-method = Brak zapisanej metody płatności.
update-card = Zmień kartę
add-card = Dodaj kartę
update-card-intro = Nową kartę podasz na bezpiecznej stronie płatności, po czym od razu wrócisz tutaj. Będzie używana do wszystkich Twoich subskrypcji.
card-updated = Karta została zmieniona. Teraz jest używana do wszystkich Twoich subskrypcji.
card-not-updated = Karta nie została zmieniona. Jeśli proces na stronie płatności został zakończony, pojawienie się jej tutaj może chwilę potrwać.
past-due-notice = Ostatnia płatność za ten plan nie powiodła się, więc jest zaległa. Opłać otwartą fakturę lub zmień kartę.
pay-open-invoice = Opłać otwartą fakturę
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
       *[other] Karta
    }

## Faktury

invoices-heading = Faktury
latest-invoices-heading = Ostatnie faktury
view-all-invoices = Zobacz wszystkie faktury
col-date = Data
col-number = Numer
col-amount = Kwota
col-status = Status
col-actions = Dokumenty
invoice-status =
    { $status ->
        [open] Do zapłaty
        [paid] Opłacona
        [void] Unieważniona
        [uncollectible] Nieściągalna
        [draft] Wersja robocza
       *[other] Nieznany
    }
download-pdf = Pobierz PDF
view-invoice = Zobacz fakturę
pay-now = Zapłać teraz
for-invoice = {" "}faktury { $number }
no-invoices = Nie masz jeszcze faktur.
older-invoices = Starsze faktury
newest-invoices = Najnowsze faktury
pagination-label = Strony faktur

## Dane do faktury

billing-details-intro = Te dane pojawiają się na Twoich fakturach i potwierdzeniach.
billing-field-label =
    { $field ->
        [email] E-mail
        [name] Imię i nazwisko lub nazwa
        [line1] Adres, wiersz 1
        [line2] Adres, wiersz 2 (opcjonalnie)
        [city] Miejscowość
        [state] Województwo lub region (opcjonalnie)
        [postal_code] Kod pocztowy
        [country] Kod kraju
        [tax_type] Rodzaj
       *[tax_value] Numer
    }
billing-field-hint =
    { $field ->
        [email] Na ten adres wysyłamy faktury i potwierdzenia.
        [country] Dwie litery, np. PL, DE lub CZ.
       *[other] {""}
    }
address-legend = Adres rozliczeniowy
tax-id-legend = Numer podatkowy (opcjonalnie)
tax-type-none = Bez numeru podatkowego
tax-type-label =
    { $kind ->
        [eu_vat] Numer VAT UE
        [gb_vat] Brytyjski numer VAT
        [us_ein] Amerykański EIN
        [ca_bn] Kanadyjski BN
        [ca_gst_hst] Kanadyjski numer GST/HST
        [au_abn] Australijski ABN
        [nz_gst] Nowozelandzki numer GST
        [ch_vat] Szwajcarski numer VAT
        [no_vat] Norweski numer VAT
        [in_gst] Indyjski numer GST
        [jp_cn] Japoński numer firmy
        [br_cnpj] Brazylijski CNPJ
        [mx_rfc] Meksykański RFC
        [za_vat] Południowoafrykański numer VAT
       *[other] Numer podatkowy
    }
save-button = Zapisz
billing-saved = Zapisano. Twoje dane do faktury są aktualne.
form-problems-heading = Popraw pola zaznaczone poniżej
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Podaj adres e-mail.
                [line1] Podaj pierwszy wiersz adresu.
                [city] Podaj miejscowość.
                [postal_code] Podaj kod pocztowy.
                [country] Podaj dwuliterowy kod kraju.
                [tax_value] Podaj numer podatkowy albo wybierz „Bez numeru podatkowego”.
               *[other] To pole jest wymagane.
            }
        [too_long] To jest za długie: maksymalnie 200 znaków.
        [invalid_email] Podaj adres e-mail w postaci nazwa@example.com.
        [invalid_country] Podaj dwuliterowy kod kraju, np. PL, DE lub CZ.
        [invalid_postal_code] Podaj kod pocztowy w formacie używanym w tym kraju.
        [invalid_tax_type] Wybierz rodzaj numeru podatkowego z listy.
        [invalid_tax_id] Podaj numer w formacie wybranego rodzaju.
       *[refused] Ta wartość nie została przyjęta. Sprawdź ją i spróbuj ponownie.
    }

## Błędy

section-unavailable = Nie udało się tego teraz wczytać. Spróbuj ponownie za chwilę.
not-found-title = Nie znaleziono strony
not-found-body = Pod tym adresem nic nie ma.
error-title = Coś poszło nie tak
error-body = Nie udało się wyświetlić tej strony. Spróbuj ponownie za chwilę.
forbidden-title = Żądanie zostało odrzucone
forbidden-body = Formularz wygasł. Wróć, odśwież stronę i spróbuj ponownie.
method-title = Ta czynność jest niedostępna
session-ended-title = Sesja płatności została zakończona
session-ended-body = Dla Twojego bezpieczeństwa sesje płatności kończą się po pewnym czasie bezczynności. Wróć do aplikacji i ponownie otwórz płatności.
rate-limited-title = Zbyt wiele żądań
rate-limited-body = Ta sesja płatności wysłała wiele żądań w krótkim czasie. Odczekaj minutę, a potem odśwież stronę.

## Zmiana planu

plan-change-plan = Zmień plan
plan-title = Zmień { $plan }
plan-intro = Wybierz plan, aby zobaczyć jego koszt, zanim cokolwiek się zmieni.
plan-item-legend = Której części subskrypcji dotyczy zmiana?
plan-current = (obecny plan)
plan-quantity-label = Liczba (od { $min } do { $max })
plan-preview-button = Zobacz, co się zmieni
plan-no-prices = Dla tej subskrypcji nie ma innych planów.
plan-preview-heading = Co się zmieni
plan-from-to = Z { $from } na { $to }
plan-due-now = Do zapłaty dziś: { $amount }
plan-nothing-now = Dziś nic nie zostanie pobrane.
plan-proration-charge = Zawiera { $amount } za pozostałą część bieżącego okresu (proporcjonalnie).
plan-proration-credit = Zawiera zwrot { $amount } za niewykorzystaną część bieżącego okresu.
plan-next-invoice = Następna faktura { $date }: { $amount }
plan-then-each-renewal = Potem { $amount } przy każdym odnowieniu.
plan-applies-at = Twój plan zmieni się na { $plan } { $date }; do tego dnia zachowujesz obecny plan.
plan-applies-now = Zmiana zacznie obowiązywać od razu po potwierdzeniu.
plan-confirm-button = Potwierdź zmianę
plan-changes-on = Zmiana na { $plan } { $date }
plan-switch-heading = Może wolisz mniejszy plan?
plan-switch-instead = Zamiast tego przejdź na { $plan }
plan-refused-price = Ten plan nie jest dostępny dla tej subskrypcji. Nic nie zostało zmienione.
plan-refused-item = Ten element nie należy do tej subskrypcji. Nic nie zostało zmienione.
plan-refused-choose-item = Wybierz, którą część subskrypcji chcesz zmienić.
plan-refused-quantity = Wybierz liczbę od { $min } do { $max }. Nic nie zostało zmienione.
plan-refused-quantity-fixed = Tutaj nie można zmienić liczby. Nic nie zostało zmienione.
plan-refused-duplicate = Ten plan jest już częścią Twojej subskrypcji. Nic nie zostało zmienione.
plan-refused-state = Planu tej subskrypcji nie można teraz zmienić. Nic nie zostało zmienione.
plan-refused-same = To Twój obecny plan. Wybierz inny, aby zobaczyć, co się zmieni.
plan-preview-unavailable = Nie udało się teraz obliczyć kosztu tej zmiany. Nic nie zostało zmienione; spróbuj ponownie za chwilę.

## Opłaty: następne faktury, pozycje, rabaty i podatki

charges-next-invoice-on = Następna faktura { $date }: { $amount }
charges-next-invoice = Następna faktura: { $amount }
charges-next-invoice-unavailable = Następna faktura: kwota jest teraz niedostępna.
charges-separator = {" · "}
charges-percent-off = { $percent } rabatu
charges-amount-off = { $amount } rabatu
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, do { $date }
charges-discount-once = { $terms }, tylko na tej fakturze
charges-discount = Rabat
charges-tax-added = { $tax }: { $amount }
charges-tax-included = W tym { $tax }: { $amount }
charges-includes-tax = W tym { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = Podatek
charges-next-invoice-heading = Następna faktura
charges-next-invoice-title = Następna faktura za { $plan }
charges-invoice-date = Data faktury: { $date }
charges-next-invoice-failed = Nie udało się teraz obliczyć następnej faktury, więc nie pokazujemy kwoty. Nic się nie zmieniło; spróbuj ponownie za chwilę.
charges-no-next-invoice = W obecnym stanie ta subskrypcja nie będzie już fakturowana.
charges-paid-with-card = Kwota zostanie pobrana z karty: { $card }.
charges-paid-by-email = Wyślemy Ci fakturę do opłacenia e-mailem.
charges-paid-without-card = Brak zapisanej karty: dodaj ją przed tym terminem, aby można było opłacić fakturę.
charges-usage-heading = Wykorzystanie w tym okresie
charges-usage-so-far = { $plan }: dotychczas { $quantity } od { $since }
charges-usage-estimate = Dotychczasowy szacunek: { $amount }
charges-usage-unavailable = { $plan }: dotychczasowe wykorzystanie jest teraz niedostępne.
charges-more-lines = Wymieniono tylko pierwsze pozycje; sumy obejmują wszystkie pozycje.
charges-back-to-overview = Wróć do przeglądu
charges-lines-caption = Pozycje faktury
charges-col-description = Opis
charges-col-quantity = Ilość
charges-col-unit-price = Cena jednostkowa
charges-period = { $start } – { $end }
charges-proration = Korekta proporcjonalna
charges-subtotal = Suma częściowa
charges-total = Razem
charges-total-excluding-tax = Razem bez podatku
charges-amount-paid = Zapłacono
charges-amount-remaining = Pozostało do zapłaty
charges-invoice-title = Faktura { $number }
charges-invoice-untitled = Faktura
charges-issued-on = Wystawiona { $date }
charges-paid-on = Opłacona { $date }
charges-due-on = Termin płatności: { $date }
charges-invoice-details = Szczegóły
charges-back-to-invoices = Wszystkie faktury
charges-cancel-not-charged = Nie pobierzemy opłaty za następną fakturę na kwotę { $amount } z terminem { $date }.
charges-cancel-not-charged-unavailable = Nie pobierzemy opłaty za następną fakturę.

## Oferty obok „Anuluj mimo to”, własne powody

offers-continue-button = Dalej
offers-you-said = Twoja odpowiedź: { $reason }.
offers-change-reason = Zmień odpowiedź
offers-offer-heading = Zanim odejdziesz
offers-still-cancel-heading = Nadal chcesz anulować?
offers-cancel-anyway = Anuluj mimo to
offers-coupon-body = Zostań i otrzymaj { $terms }.
offers-coupon-button = Zastosuj rabat
offers-pause-body = Zrób sobie przerwę: nie zapłacisz nic, dopóki plan jest wstrzymany.
offers-pause-button = Zamiast tego wstrzymaj
offers-downgrade-body = Płać mniej w planie { $plan }.
offers-downgrade-button = Przejdź na { $plan }
offers-support-body = Powiedz nam, co poszło nie tak; może uda się to naprawić.
offers-support-button = Porozmawiaj z nami
offers-for-months =
    { $months ->
        [one] { $off } przez { $months } miesiąc
        [few] { $off } przez { $months } miesiące
       *[other] { $off } przez { $months } miesięcy
    }
offers-forever = { $off }, dopóki z nami jesteś
offers-offer-unavailable = Ta oferta nie jest już dostępna dla tej subskrypcji. Niczego nie zmieniono.
offers-offer-applied = Gotowe: oferta została zastosowana do Twojego planu.

## Sign-in with an email address

login-title = Zaloguj się, aby zarządzać płatnościami
login-intro = Podaj adres e-mail swojego konta w { $tenant }. Wyślemy Ci e-mailem link do logowania.
login-email-label = Adres e-mail
login-button = Wyślij mi link do logowania
login-missing = Podaj swój adres e-mail.
login-invalid = Podaj adres e-mail w postaci nazwa@przyklad.pl.
login-sent-title = Sprawdź swoją skrzynkę
login-sent-body = Jeśli ten adres należy do konta, link do logowania jest już w drodze. Dotarcie wiadomości może potrwać kilka minut.
login-sent-again = Użyj innego adresu e-mail
login-email-subject = Twój link do logowania w { $tenant }
login-email-intro = Oto link do zarządzania płatnościami w { $tenant }, po jednym dla każdego konta z tym adresem e-mail:
login-email-account = Konto { $number }
login-email-plans = Płaci za: { $plans }
login-email-no-plans = Brak aktywnej subskrypcji
login-email-outro = Każdy link działa tylko raz i wygasa po godzinie. Jeśli nie prosiłeś o logowanie, zignoruj tę wiadomość.
