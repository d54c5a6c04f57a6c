# Deutsch.
# Anrede: „Sie“ (formell), durchgehend; Abrechnungssprache wie in deutschen Kundenportalen.

## Die Sprache selbst

language-name = Deutsch
language-switcher-label = Sprache
language-switcher-button = Sprache ändern

## Rahmen

skip-to-content = Zum Inhalt springen
portal-title = Abrechnung
nav-label = Abrechnung
nav-overview = Übersicht
nav-invoices = Rechnungen
nav-billing-details = Rechnungsdaten
return-to = Zurück zu { $tenant }
contact-support = Support kontaktieren
signed-in-as = Angemeldet als { $customer }

## Startseite, abgelaufener Link, neuer Link

landing-title = Ihre Abrechnungsseite öffnen
landing-body = Zu Ihrer Sicherheit öffnen Sie die Abrechnungsseite bitte mit einem Klick auf „Weiter“.
landing-button = Weiter
gone-title = Dieser Link ist nicht mehr gültig
gone-body = Links zur Abrechnungsseite funktionieren nur einmal und laufen nach kurzer Zeit ab. Wir können Ihnen einen neuen per E-Mail senden.
gone-email-button = Neuen Link per E-Mail senden
back-to = Zurück zu { $tenant }
relink-sent-title = Sehen Sie in Ihrem Postfach nach
relink-sent-body = Wenn wir für dieses Konto eine E-Mail-Adresse haben, ist ein neuer Link unterwegs. Es kann einige Minuten dauern, bis er ankommt.

## E-Mails

email-greeting = Guten Tag,
relink-email-subject = Ihr Abrechnungslink für { $tenant }
relink-email-intro = Hier ist Ihr neuer Link, um Ihre Abrechnung bei { $tenant } zu verwalten:
relink-email-outro = Er funktioniert nur einmal und läuft bald ab. Falls Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren.
email-changed-subject = Ihre Rechnungs-E-Mail-Adresse bei { $tenant } wurde geändert
email-changed-body = Die Rechnungs-E-Mail-Adresse Ihres Kontos bei { $tenant } wurde soeben in { $address } geändert. Rechnungen und Belege gehen ab jetzt dorthin.
email-changed-warning = Falls Sie diese Änderung nicht vorgenommen haben, wenden Sie sich bitte umgehend an { $tenant }.
mail-cancel-scheduled-subject = Ihr Tarif { $plan } bei { $tenant } wird gekündigt
mail-cancel-scheduled-ends = Ihr Tarif { $plan } endet am { $date }.
mail-cancel-scheduled-keep = Bis dahin können Sie { $plan } weiter nutzen; es wird nichts mehr abgebucht.
mail-cancel-scheduled-renew = Haben Sie es sich anders überlegt? Bis zu diesem Datum können Sie die Kündigung mit einem Klick zurücknehmen.
mail-cancel-ended-subject = Ihr Tarif { $plan } bei { $tenant } ist beendet
mail-cancel-ended-body = Ihr Tarif { $plan } endete am { $date }. Es wird nichts mehr abgebucht.
mail-cancel-ended-welcome = Sie sind jederzeit wieder willkommen.
mail-cancel-undone-subject = Ihr Tarif { $plan } bei { $tenant } läuft weiter
mail-cancel-undone-body = Die Kündigung Ihres Tarifs { $plan } wurde zurückgenommen. Er verlängert sich wie gewohnt.
mail-paused-subject = Ihr Tarif { $plan } bei { $tenant } ist pausiert
mail-paused-until = Ihr Tarif { $plan } ist bis zum { $date } pausiert. Während der Pause wird nichts abgebucht.
mail-paused = Ihr Tarif { $plan } ist pausiert. Während der Pause wird nichts abgebucht.
mail-resumed-subject = Ihr Tarif { $plan } bei { $tenant } läuft wieder
mail-resumed-body = Ihr Tarif { $plan } läuft wieder und wird wie gewohnt abgerechnet.
mail-portal-link-intro = Hier verwalten Sie Ihre Abrechnung bei { $tenant }:
mail-portal-link-text = Abrechnungsportal öffnen
mail-link-expired-hint = Ist der Link abgelaufen, öffnen Sie ihn trotzdem und wählen Sie „Neuen Link per E-Mail senden“.

## Kündigen

cancel-plan = Tarif kündigen
cancel-title = { $plan } kündigen
cancel-ends-on = Ihr Tarif endet am { $date }; bis dahin können Sie { $plan } weiter nutzen. Es wird nichts mehr abgebucht.
cancel-ends-now = Endet sofort: { $plan } wird sofort beendet und es wird nichts mehr abgebucht.
cancel-confirm = Kündigung bestätigen
reason-legend = Warum kündigen Sie? (optional)
reason-label =
    { $reason ->
        [too_expensive] Es ist zu teuer
        [missing_features] Mir fehlen Funktionen
        [switched_service] Ich bin zu einem anderen Anbieter gewechselt
        [unused] Ich nutze es zu selten
        [customer_service] Der Kundenservice hat mich enttäuscht
        [too_complex] Es ist zu kompliziert
        [low_quality] Die Qualität hat mich enttäuscht
       *[other] Anderer Grund
    }
comment-label = Möchten Sie uns noch etwas mitteilen? (optional)
pause-heading = Lieber eine Pause?
pause-until-label = Fortsetzen am
pause-option =
    { $days ->
        [one] In { $days } Tag ({ $date })
       *[other] In { $days } Tagen ({ $date })
    }
pause-button = Stattdessen pausieren
renew-button = Kündigung zurücknehmen
resume-button = Fortsetzen
keep-plan = Tarif behalten
action-failed = Das hat nicht geklappt, und es wurde nichts geändert. Bitte versuchen Sie es erneut.
action-maybe-changed = Das hat nicht geklappt, und ein Teil wurde möglicherweise gespeichert. Prüfen Sie bitte die Angaben unten, bevor Sie es erneut versuchen.

## Abonnements

subscriptions-heading = Abonnements
no-subscriptions = Sie haben keine aktiven Abonnements.
subscription-status =
    { $status ->
        [trialing] Testphase
        [active] Aktiv
        [past_due] Überfällig
        [paused] Pausiert
        [unpaid] Unbezahlt
        [incomplete] Unvollständig
        [incomplete_expired] Abgelaufen
        [canceled] Gekündigt
       *[other] Unbekannt
    }
cancels-on = Endet am { $date }
trial-ends-on = Testphase endet am { $date }
paused-until = Pausiert bis { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } pro Tag
                [week] { $amount } pro Woche
                [month] { $amount } pro Monat
                [year] { $amount } pro Jahr
               *[other] { $amount } pro Zeitraum
            }
       *[other]
            { $interval ->
                [day] { $amount } alle { $count } Tage
                [week] { $amount } alle { $count } Wochen
                [month] { $amount } alle { $count } Monate
                [year] { $amount } alle { $count } Jahre
               *[other] { $amount } alle { $count } Zeiträume
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } pro genutzter Einheit, tägliche Abrechnung
                [week] { $amount } pro genutzter Einheit, wöchentliche Abrechnung
                [month] { $amount } pro genutzter Einheit, monatliche Abrechnung
                [year] { $amount } pro genutzter Einheit, jährliche Abrechnung
               *[other] { $amount } pro genutzter Einheit, Abrechnung pro Zeitraum
            }
       *[other]
            { $interval ->
                [day] { $amount } pro genutzter Einheit, Abrechnung alle { $count } Tage
                [week] { $amount } pro genutzter Einheit, Abrechnung alle { $count } Wochen
                [month] { $amount } pro genutzter Einheit, Abrechnung alle { $count } Monate
                [year] { $amount } pro genutzter Einheit, Abrechnung alle { $count } Jahre
               *[other] { $amount } pro genutzter Einheit, Abrechnung alle { $count } Zeiträume
            }
    }
price-tiered = Staffelpreise
quantity = × { $quantity }
unnamed-plan = Tarif
items-label = Tarifbestandteile

## Zahlungsmethode

payment-method-heading = Zahlungsmethode
card-ending = { $brand } mit Endziffern { $last4 }
card-expires = Gültig bis { $month }/{ $year }
no-payment-method = Keine Zahlungsmethode hinterlegt.
update-card = Karte ändern
add-card = Karte hinzufügen
update-card-intro = Sie geben die neue Karte auf einer sicheren Zahlungsseite ein und kehren direkt hierher zurück. Sie gilt dann für alle Ihre Abonnements.
card-updated = Ihre Karte wurde geändert. Sie wird jetzt für alle Ihre Abonnements verwendet.
card-not-updated = Ihre Karte wurde nicht geändert. Wenn Sie den Vorgang auf der Zahlungsseite abgeschlossen haben, kann es einen Moment dauern, bis sie hier erscheint.
past-due-notice = Die letzte Zahlung für diesen Tarif ist fehlgeschlagen, er ist daher überfällig. Bezahlen Sie die offene Rechnung oder ändern Sie Ihre Karte.
pay-open-invoice = Offene Rechnung bezahlen
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
       *[other] Karte
    }

## Rechnungen

invoices-heading = Rechnungen
latest-invoices-heading = Letzte Rechnungen
view-all-invoices = Alle Rechnungen anzeigen
col-date = Datum
col-number = Nummer
col-amount = Betrag
col-status = Status
col-actions = Dokumente
invoice-status =
    { $status ->
        [open] Fällig
        [paid] Bezahlt
        [void] Storniert
        [uncollectible] Uneinbringlich
        [draft] Entwurf
       *[other] Unbekannt
    }
download-pdf = PDF herunterladen
view-invoice = Rechnung ansehen
pay-now = Jetzt bezahlen
for-invoice = {" "}für Rechnung { $number }
no-invoices = Sie haben noch keine Rechnungen.
older-invoices = Ältere Rechnungen
newest-invoices = Neueste Rechnungen
pagination-label = Rechnungsseiten

## Rechnungsdaten

billing-details-intro = Diese Angaben erscheinen auf Ihren Rechnungen und Belegen.
billing-field-label =
    { $field ->
        [email] E-Mail
        [name] Name
        [line1] Straße und Hausnummer
        [line2] Adresszusatz (optional)
        [city] Ort
        [state] Bundesland oder Region (optional)
        [postal_code] Postleitzahl
        [country] Ländercode
        [tax_type] Art
       *[tax_value] Nummer
    }
billing-field-hint =
    { $field ->
        [email] Rechnungen und Belege werden an diese Adresse gesendet.
        [country] Zwei Buchstaben, z. B. DE, AT oder CH.
       *[other] {""}
    }
address-legend = Rechnungsadresse
tax-id-legend = Steuernummer (optional)
tax-type-none = Keine Steuernummer
tax-type-label =
    { $kind ->
        [eu_vat] USt-IdNr. (EU)
        [gb_vat] USt-IdNr. (Vereinigtes Königreich)
        [us_ein] US-EIN
        [ca_bn] Kanadische BN
        [ca_gst_hst] Kanadische GST/HST-Nummer
        [au_abn] Australische ABN
        [nz_gst] Neuseeländische GST-Nummer
        [ch_vat] Schweizer MWST-Nummer
        [no_vat] Norwegische MVA-Nummer
        [in_gst] Indische GST-Nummer
        [jp_cn] Japanische Unternehmensnummer
        [br_cnpj] Brasilianische CNPJ
        [mx_rfc] Mexikanische RFC
        [za_vat] Südafrikanische USt-Nummer
       *[other] Steuernummer
    }
save-button = Speichern
billing-saved = Gespeichert. Ihre Rechnungsdaten sind auf dem neuesten Stand.
form-problems-heading = Bitte korrigieren Sie die unten markierten Felder
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Geben Sie Ihre E-Mail-Adresse ein.
                [line1] Geben Sie Straße und Hausnummer ein.
                [city] Geben Sie den Ort ein.
                [postal_code] Geben Sie die Postleitzahl ein.
                [country] Geben Sie den zweistelligen Ländercode ein.
                [tax_value] Geben Sie die Steuernummer ein oder wählen Sie „Keine Steuernummer“.
               *[other] Dieses Feld ist erforderlich.
            }
        [too_long] Das ist zu lang: höchstens 200 Zeichen.
        [invalid_email] Geben Sie eine E-Mail-Adresse wie name@example.com ein.
        [invalid_country] Geben Sie einen zweistelligen Ländercode ein, z. B. DE, AT oder CH.
        [invalid_postal_code] Geben Sie die Postleitzahl im Format dieses Landes ein.
        [invalid_tax_type] Wählen Sie eine Art der Steuernummer aus der Liste.
        [invalid_tax_id] Geben Sie die Steuernummer im Format der gewählten Art ein.
       *[refused] Dieser Wert wurde nicht akzeptiert. Prüfen Sie ihn und versuchen Sie es erneut.
    }

## Fehler

section-unavailable = Das konnten wir gerade nicht laden. Bitte versuchen Sie es gleich noch einmal.
not-found-title = Seite nicht gefunden
not-found-body = Unter dieser Adresse gibt es nichts.
error-title = Etwas ist schiefgelaufen
error-body = Diese Seite konnte nicht angezeigt werden. Bitte versuchen Sie es gleich noch einmal.
forbidden-title = Diese Anfrage wurde abgelehnt
forbidden-body = Das Formular war abgelaufen. Gehen Sie bitte zurück, laden Sie die Seite neu und versuchen Sie es erneut.
method-title = Diese Aktion ist nicht verfügbar
session-ended-title = Ihre Abrechnungssitzung ist beendet
session-ended-body = Zu Ihrer Sicherheit enden Abrechnungssitzungen nach einer Weile ohne Aktivität. Kehren Sie zur App zurück und öffnen Sie die Abrechnung erneut.
rate-limited-title = Zu viele Anfragen
rate-limited-body = Diese Abrechnungssitzung hat in kurzer Zeit sehr viele Anfragen gestellt. Warten Sie eine Minute und laden Sie die Seite dann neu.

## Tarifwechsel

plan-change-plan = Tarif wechseln
plan-title = { $plan } wechseln
plan-intro = Wählen Sie einen Tarif, um die Kosten zu sehen, bevor sich etwas ändert.
plan-item-legend = Welcher Teil Ihres Abonnements?
plan-current = (aktueller Tarif)
plan-quantity-label = Menge ({ $min } bis { $max })
plan-preview-button = Änderungen ansehen
plan-no-prices = Für dieses Abonnement sind keine anderen Tarife verfügbar.
plan-preview-heading = Was sich ändert
plan-from-to = Von { $from } zu { $to }
plan-due-now = Heute fällig: { $amount }
plan-nothing-now = Heute wird nichts berechnet.
plan-proration-charge = Enthält { $amount } für den Rest des laufenden Zeitraums (anteilig).
plan-proration-credit = Enthält eine Gutschrift von { $amount } für den ungenutzten Teil des laufenden Zeitraums.
plan-next-invoice = Nächste Rechnung am { $date }: { $amount }
plan-then-each-renewal = Danach { $amount } bei jeder Verlängerung.
plan-applies-at = Ihr Tarif wechselt am { $date } zu { $plan }; bis dahin behalten Sie Ihren aktuellen Tarif.
plan-applies-now = Die Änderung gilt, sobald Sie bestätigen.
plan-confirm-button = Wechsel bestätigen
plan-changes-on = Wechselt am { $date } zu { $plan }
plan-switch-heading = Lieber ein kleinerer Tarif?
plan-switch-instead = Stattdessen zu { $plan } wechseln
plan-refused-price = Dieser Tarif ist für dieses Abonnement nicht verfügbar. Es wurde nichts geändert.
plan-refused-item = Dieser Posten gehört nicht zu diesem Abonnement. Es wurde nichts geändert.
plan-refused-choose-item = Wählen Sie, welchen Teil Ihres Abonnements Sie ändern möchten.
plan-refused-quantity = Wählen Sie eine Menge von { $min } bis { $max }. Es wurde nichts geändert.
plan-refused-quantity-fixed = Die Menge kann hier nicht geändert werden. Es wurde nichts geändert.
plan-refused-duplicate = Dieser Tarif ist bereits Teil Ihres Abonnements. Es wurde nichts geändert.
plan-refused-state = Der Tarif dieses Abonnements kann gerade nicht gewechselt werden. Es wurde nichts geändert.
plan-refused-same = Das ist Ihr aktueller Tarif. Wählen Sie einen anderen, um die Änderungen zu sehen.
plan-preview-unavailable = Die Kosten dieser Änderung konnten wir gerade nicht berechnen. Es wurde nichts geändert; bitte versuchen Sie es gleich noch einmal.

## Abrechnung: nächste Rechnungen, Rechnungsposten, Rabatte und Steuern

charges-next-invoice-on = Nächste Rechnung am { $date }: { $amount }
charges-next-invoice = Nächste Rechnung: { $amount }
charges-next-invoice-unavailable = Nächste Rechnung: Der Betrag ist gerade nicht verfügbar.
charges-separator = {" · "}
charges-percent-off = { $percent } Rabatt
charges-amount-off = { $amount } Rabatt
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, bis { $date }
charges-discount-once = { $terms }, nur auf dieser Rechnung
charges-discount = Rabatt
charges-tax-added = { $tax }: { $amount }
charges-tax-included = Inkl. { $tax }: { $amount }
charges-includes-tax = Enthält { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = Steuer
charges-next-invoice-heading = Nächste Rechnung
charges-next-invoice-title = Nächste Rechnung für { $plan }
charges-invoice-date = Rechnungsdatum: { $date }
charges-next-invoice-failed = Ihre nächste Rechnung konnten wir gerade nicht berechnen, daher wird kein Betrag angezeigt. Es hat sich nichts geändert; bitte versuchen Sie es gleich noch einmal.
charges-no-next-invoice = Für dieses Abonnement wird in seinem jetzigen Zustand keine weitere Rechnung gestellt.
charges-paid-with-card = Der Betrag wird von Ihrer { $card } abgebucht.
charges-paid-by-email = Wir senden Ihnen eine Rechnung per E-Mail zu.
charges-paid-without-card = Es ist keine Karte hinterlegt: Fügen Sie bis dahin eine hinzu, damit die Rechnung bezahlt werden kann.
charges-usage-heading = Nutzung in diesem Zeitraum
charges-usage-so-far = { $plan }: bisher { $quantity } seit { $since }
charges-usage-estimate = Bisherige Schätzung: { $amount }
charges-usage-unavailable = { $plan }: Die bisherige Nutzung ist gerade nicht verfügbar.
charges-more-lines = Nur die ersten Posten sind aufgeführt; die Summen enthalten alle Posten.
charges-back-to-overview = Zurück zur Übersicht
charges-lines-caption = Was die Rechnung berechnet
charges-col-description = Beschreibung
charges-col-quantity = Menge
charges-col-unit-price = Stückpreis
charges-period = { $start } – { $end }
charges-proration = Anteilige Anpassung
charges-subtotal = Zwischensumme
charges-total = Gesamt
charges-total-excluding-tax = Gesamt ohne Steuern
charges-amount-paid = Bezahlter Betrag
charges-amount-remaining = Offener Betrag
charges-invoice-title = Rechnung { $number }
charges-invoice-untitled = Rechnung
charges-issued-on = Ausgestellt am { $date }
charges-paid-on = Bezahlt am { $date }
charges-due-on = Fällig am { $date }
charges-invoice-details = Details
charges-back-to-invoices = Alle Rechnungen
charges-cancel-not-charged = Ihre nächste Rechnung über { $amount }, fällig am { $date }, wird Ihnen nicht berechnet.
charges-cancel-not-charged-unavailable = Ihre nächste Rechnung wird Ihnen nicht berechnet.

## Angebote neben „Trotzdem kündigen“, eigene Gründe

offers-continue-button = Weiter
offers-you-said = Ihre Angabe: { $reason }.
offers-change-reason = Antwort ändern
offers-offer-heading = Bevor Sie gehen
offers-still-cancel-heading = Möchten Sie trotzdem kündigen?
offers-cancel-anyway = Trotzdem kündigen
offers-coupon-body = Bleiben Sie und erhalten Sie { $terms }.
offers-coupon-button = Rabatt anwenden
offers-pause-body = Machen Sie stattdessen eine Pause: Solange Ihr Tarif pausiert ist, zahlen Sie nichts.
offers-pause-button = Stattdessen pausieren
offers-downgrade-body = Zahlen Sie weniger mit { $plan }.
offers-downgrade-button = Zu { $plan } wechseln
offers-support-body = Sagen Sie uns, was nicht gepasst hat; vielleicht können wir es beheben.
offers-support-button = Mit uns sprechen
offers-for-months =
    { $months ->
        [one] { $off } für { $months } Monat
       *[other] { $off } für { $months } Monate
    }
offers-forever = { $off }, solange Sie bleiben
offers-offer-unavailable = Dieses Angebot gilt für dieses Abonnement nicht mehr. Es wurde nichts geändert.
offers-offer-applied = Erledigt: Das Angebot gilt jetzt für Ihren Tarif.

## Sign-in with an email address

login-title = Anmelden, um die Abrechnung zu verwalten
login-intro = Geben Sie die E-Mail-Adresse Ihres Kontos bei { $tenant } ein. Wir senden Ihnen per E-Mail einen Link, mit dem Sie sich anmelden.
login-email-label = E-Mail-Adresse
login-button = Anmeldelink per E-Mail senden
login-missing = Geben Sie Ihre E-Mail-Adresse ein.
login-invalid = Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.
login-sent-title = Prüfen Sie Ihre E-Mails
login-sent-body = Wenn diese Adresse zu einem Konto gehört, ist ein Anmeldelink unterwegs. Es kann einige Minuten dauern, bis er ankommt.
login-sent-again = Andere E-Mail-Adresse verwenden
login-email-subject = Ihr Anmeldelink für { $tenant }
login-email-intro = Hier ist ein Link, um Ihre Abrechnung bei { $tenant } zu verwalten, einer für jedes Konto mit dieser E-Mail-Adresse:
login-email-account = Konto { $number }
login-email-plans = Bezahlt für: { $plans }
login-email-no-plans = Kein aktives Abonnement
login-email-outro = Jeder Link funktioniert nur einmal und läuft nach einer Stunde ab. Falls Sie keine Anmeldung angefordert haben, können Sie diese E-Mail ignorieren.
