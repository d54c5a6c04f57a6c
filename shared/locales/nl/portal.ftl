# Nederlands.
# Aanspreekvorm: „u”, overal; zakelijk maar vriendelijk.

## De taal

language-name = Nederlands
language-switcher-label = Taal
language-switcher-button = Taal wijzigen

## Kader

skip-to-content = Naar de inhoud
portal-title = Facturatie
nav-label = Facturatie
nav-overview = Overzicht
nav-invoices = Facturen
nav-billing-details = Factuurgegevens
return-to = Terug naar { $tenant }
contact-support = Contact opnemen met support
signed-in-as = Ingelogd als { $customer }

## Startpagina, verlopen link, nieuwe link

landing-title = Uw factuurpagina openen
landing-body = Voor uw veiligheid klikt u op „Doorgaan” om uw factuurpagina te openen.
landing-button = Doorgaan
gone-title = Deze link is niet meer geldig
gone-body = Links naar de factuurpagina werken één keer en verlopen na korte tijd. We kunnen u een nieuwe link e-mailen.
gone-email-button = E-mail mij een nieuwe link
back-to = Terug naar { $tenant }
relink-sent-title = Kijk in uw mailbox
relink-sent-body = Als we een e-mailadres voor dit account hebben, is er een nieuwe link onderweg. Het kan enkele minuten duren voordat die binnenkomt.

## E-mails

email-greeting = Beste klant,
relink-email-subject = Uw factuurlink voor { $tenant }
relink-email-intro = Hier is uw nieuwe link om uw facturatie bij { $tenant } te beheren:
relink-email-outro = De link werkt één keer en verloopt binnenkort. Hebt u hier niet om gevraagd, dan kunt u deze e-mail negeren.
email-changed-subject = Het factuur-e-mailadres van uw { $tenant }-account is gewijzigd
email-changed-body = Het factuur-e-mailadres van uw { $tenant }-account is zojuist gewijzigd in { $address }. Facturen en betalingsbewijzen gaan voortaan naar dat adres.
email-changed-warning = Hebt u deze wijziging niet zelf gedaan? Neem dan direct contact op met { $tenant }.
mail-cancel-scheduled-subject = Uw { $plan }-abonnement bij { $tenant } wordt opgezegd
mail-cancel-scheduled-ends = Uw { $plan }-abonnement wordt opgezegd per { $date }.
mail-cancel-scheduled-keep = Tot die datum houdt u { $plan }; er wordt niets meer afgeschreven.
mail-cancel-scheduled-renew = Van gedachten veranderd? U kunt vóór die datum met één klik verlengen.
mail-cancel-ended-subject = Uw { $plan }-abonnement bij { $tenant } is beëindigd
mail-cancel-ended-body = Uw { $plan }-abonnement is beëindigd op { $date }. Er wordt niets meer afgeschreven.
mail-cancel-ended-welcome = U bent altijd weer welkom.
mail-cancel-undone-subject = Uw { $plan }-abonnement bij { $tenant } loopt door
mail-cancel-undone-body = Uw { $plan }-abonnement wordt niet meer opgezegd. Het wordt zoals gewoonlijk verlengd.
mail-paused-subject = Uw { $plan }-abonnement bij { $tenant } is gepauzeerd
mail-paused-until = Uw { $plan }-abonnement is gepauzeerd tot { $date }. Tijdens de pauze wordt er niets afgeschreven.
mail-paused = Uw { $plan }-abonnement is gepauzeerd. Tijdens de pauze wordt er niets afgeschreven.
mail-resumed-subject = Uw { $plan }-abonnement bij { $tenant } is hervat
mail-resumed-body = Uw { $plan }-abonnement is hervat en wordt zoals gewoonlijk gefactureerd.
mail-portal-link-intro = Beheer uw facturatie bij { $tenant } hier:
mail-portal-link-text = Open uw factuurportaal
mail-link-expired-hint = Is de link verlopen? Open hem toch en kies „E-mail mij een nieuwe link”.

## Opzeggen

cancel-plan = Abonnement opzeggen
cancel-title = { $plan } opzeggen
cancel-ends-on = Uw abonnement eindigt op { $date }; tot die datum houdt u { $plan }. Er wordt niets meer afgeschreven.
cancel-ends-now = Eindigt nu: { $plan } stopt direct en er wordt niets meer afgeschreven.
cancel-confirm = Opzegging bevestigen
reason-legend = Waarom zegt u op? (optioneel)
reason-label =
    { $reason ->
        [too_expensive] Het is te duur
        [missing_features] Er ontbreken functies
        [switched_service] Ik ben overgestapt naar een andere dienst
        [unused] Ik gebruik het te weinig
        [customer_service] De klantenservice viel tegen
        [too_complex] Het is te ingewikkeld
        [low_quality] De kwaliteit viel tegen
       *[other] Andere reden
    }
comment-label = Wilt u ons nog iets laten weten? (optioneel)
pause-heading = Liever even pauzeren?
pause-until-label = Hervatten op
pause-option =
    { $days ->
        [one] Over { $days } dag ({ $date })
       *[other] Over { $days } dagen ({ $date })
    }
pause-button = Liever pauzeren
renew-button = Verlengen
resume-button = Hervatten
keep-plan = Mijn abonnement houden
action-failed = Dat is niet gelukt en er is niets gewijzigd. Probeer het opnieuw.
action-maybe-changed = Dat is niet gelukt en een deel is mogelijk opgeslagen. Controleer de gegevens hieronder voordat u het opnieuw probeert.

## Abonnementen

subscriptions-heading = Abonnementen
no-subscriptions = U hebt geen actieve abonnementen.
subscription-status =
    { $status ->
        [trialing] Proefperiode
        [active] Actief
        [past_due] Achterstallig
        [paused] Gepauzeerd
        [unpaid] Onbetaald
        [incomplete] Onvolledig
        [incomplete_expired] Verlopen
        [canceled] Opgezegd
       *[other] Onbekend
    }
cancels-on = Eindigt op { $date }
trial-ends-on = Proefperiode eindigt op { $date }
paused-until = Gepauzeerd tot { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } per dag
                [week] { $amount } per week
                [month] { $amount } per maand
                [year] { $amount } per jaar
               *[other] { $amount } per periode
            }
       *[other]
            { $interval ->
                [day] { $amount } per { $count } dagen
                [week] { $amount } per { $count } weken
                [month] { $amount } per { $count } maanden
                [year] { $amount } per { $count } jaar
               *[other] { $amount } per { $count } perioden
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } per gebruikte eenheid, dagelijks gefactureerd
                [week] { $amount } per gebruikte eenheid, wekelijks gefactureerd
                [month] { $amount } per gebruikte eenheid, maandelijks gefactureerd
                [year] { $amount } per gebruikte eenheid, jaarlijks gefactureerd
               *[other] { $amount } per gebruikte eenheid, per periode gefactureerd
            }
       *[other]
            { $interval ->
                [day] { $amount } per gebruikte eenheid, elke { $count } dagen gefactureerd
                [week] { $amount } per gebruikte eenheid, elke { $count } weken gefactureerd
                [month] { $amount } per gebruikte eenheid, elke { $count } maanden gefactureerd
                [year] { $amount } per gebruikte eenheid, elke { $count } jaar gefactureerd
               *[other] { $amount } per gebruikte eenheid, elke { $count } perioden gefactureerd
            }
    }
price-tiered = Staffelprijzen
quantity = × { $quantity }
unnamed-plan = Abonnement
items-label = Onderdelen van het abonnement

## Betaalmethode

payment-method-heading = Betaalmethode
card-ending = { $brand } eindigend op { $last4 }
card-expires = Verloopt { $month }/{ $year }
no-payment-method = Geen betaalmethode vastgelegd.
update-card = Kaart wijzigen
add-card = Kaart toevoegen
update-card-intro = U voert de nieuwe kaart in op een beveiligde betaalpagina en komt daarna direct hier terug. Die kaart wordt gebruikt voor al uw abonnementen.
card-updated = Uw kaart is gewijzigd. Hij wordt nu gebruikt voor al uw abonnementen.
card-not-updated = Uw kaart is niet gewijzigd. Hebt u de betaalpagina afgerond, dan kan het even duren voordat hij hier verschijnt.
past-due-notice = De laatste betaling voor dit abonnement is mislukt, dus het is achterstallig. Betaal de openstaande factuur of wijzig uw kaart.
pay-open-invoice = Openstaande factuur betalen
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
       *[other] Kaart
    }

## Facturen

invoices-heading = Facturen
latest-invoices-heading = Recente facturen
view-all-invoices = Alle facturen bekijken
col-date = Datum
col-number = Nummer
col-amount = Bedrag
col-status = Status
col-actions = Documenten
invoice-status =
    { $status ->
        [open] Te betalen
        [paid] Betaald
        [void] Geannuleerd
        [uncollectible] Oninbaar
        [draft] Concept
       *[other] Onbekend
    }
download-pdf = Pdf downloaden
view-invoice = Factuur bekijken
pay-now = Nu betalen
for-invoice = {" "}van factuur { $number }
no-invoices = U hebt nog geen facturen.
older-invoices = Oudere facturen
newest-invoices = Nieuwste facturen
pagination-label = Factuurpagina’s

## Factuurgegevens

billing-details-intro = Deze gegevens staan op uw facturen en betalingsbewijzen.
billing-field-label =
    { $field ->
        [email] E-mail
        [name] Naam
        [line1] Adresregel 1
        [line2] Adresregel 2 (optioneel)
        [city] Plaats
        [state] Provincie of regio (optioneel)
        [postal_code] Postcode
        [country] Landcode
        [tax_type] Soort
       *[tax_value] Nummer
    }
billing-field-hint =
    { $field ->
        [email] Facturen en betalingsbewijzen worden naar dit adres gestuurd.
        [country] Twee letters, zoals NL, BE of DE.
       *[other] {""}
    }
address-legend = Factuuradres
tax-id-legend = Btw- of belastingnummer (optioneel)
tax-type-none = Geen belastingnummer
tax-type-label =
    { $kind ->
        [eu_vat] Btw-nummer (EU)
        [gb_vat] Btw-nummer (VK)
        [us_ein] Amerikaans EIN
        [ca_bn] Canadees BN
        [ca_gst_hst] Canadees GST/HST-nummer
        [au_abn] Australisch ABN
        [nz_gst] Nieuw-Zeelands GST-nummer
        [ch_vat] Zwitsers btw-nummer
        [no_vat] Noors btw-nummer
        [in_gst] Indiaas GST-nummer
        [jp_cn] Japans bedrijfsnummer
        [br_cnpj] Braziliaans CNPJ
        [mx_rfc] Mexicaans RFC
        [za_vat] Zuid-Afrikaans btw-nummer
       *[other] Belastingnummer
    }
save-button = Opslaan
billing-saved = Opgeslagen. Uw factuurgegevens zijn bijgewerkt.
form-problems-heading = Corrigeer de hieronder gemarkeerde velden
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Vul uw e-mailadres in.
                [line1] Vul de eerste adresregel in.
                [city] Vul de plaats in.
                [postal_code] Vul de postcode in.
                [country] Vul de landcode van twee letters in.
                [tax_value] Vul het belastingnummer in of kies „Geen belastingnummer”.
               *[other] Dit veld is verplicht.
            }
        [too_long] Dit is te lang: gebruik maximaal 200 tekens.
        [invalid_email] Vul een e-mailadres in zoals naam@example.com.
        [invalid_country] Vul een landcode van twee letters in, zoals NL, BE of DE.
        [invalid_postal_code] Vul de postcode in zoals die in dit land wordt geschreven.
        [invalid_tax_type] Kies een soort belastingnummer uit de lijst.
        [invalid_tax_id] Vul het nummer in volgens de gekozen soort.
       *[refused] Deze waarde is niet geaccepteerd. Controleer hem en probeer het opnieuw.
    }

## Fouten

section-unavailable = Dit kon nu niet worden geladen. Probeer het zo opnieuw.
not-found-title = Pagina niet gevonden
not-found-body = Op dit adres staat niets.
error-title = Er is iets misgegaan
error-body = Deze pagina kon niet worden getoond. Probeer het zo opnieuw.
forbidden-title = Dit verzoek is geweigerd
forbidden-body = Het formulier was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.
method-title = Deze actie is niet beschikbaar
session-ended-title = Uw factuursessie is beëindigd
session-ended-body = Voor uw veiligheid eindigen factuursessies na een tijd zonder activiteit. Ga terug naar de app en open de facturatie opnieuw.
rate-limited-title = Te veel verzoeken
rate-limited-body = Deze factuursessie heeft in korte tijd veel verzoeken gedaan. Wacht een minuut en laad de pagina dan opnieuw.

## Abonnement wijzigen

plan-change-plan = Abonnement wijzigen
plan-title = { $plan } wijzigen
plan-intro = Kies een abonnement om te zien wat het kost voordat er iets verandert.
plan-item-legend = Welk deel van uw abonnement?
plan-current = (huidig abonnement)
plan-quantity-label = Aantal ({ $min } tot { $max })
plan-preview-button = Bekijk wat er verandert
plan-no-prices = Er zijn geen andere abonnementen beschikbaar voor dit abonnement.
plan-preview-heading = Wat er verandert
plan-from-to = Van { $from } naar { $to }
plan-due-now = Vandaag in rekening gebracht: { $amount }
plan-nothing-now = Vandaag wordt er niets in rekening gebracht.
plan-proration-charge = Inclusief { $amount } voor de rest van de huidige periode (naar rato).
plan-proration-credit = Inclusief een tegoed van { $amount } voor het ongebruikte deel van de huidige periode.
plan-next-invoice = Volgende factuur op { $date }: { $amount }
plan-then-each-renewal = Daarna { $amount } bij elke verlenging.
plan-applies-at = Uw abonnement wordt op { $date } { $plan }; tot die datum houdt u uw huidige abonnement.
plan-applies-now = De wijziging gaat in zodra u bevestigt.
plan-confirm-button = Wijziging bevestigen
plan-changes-on = Wordt { $plan } op { $date }
plan-switch-heading = Liever een kleiner abonnement?
plan-switch-instead = In plaats daarvan overstappen op { $plan }
plan-refused-price = Dat abonnement is niet beschikbaar voor dit abonnement. Er is niets gewijzigd.
plan-refused-item = Dat onderdeel hoort niet bij dit abonnement. Er is niets gewijzigd.
plan-refused-choose-item = Kies welk deel van uw abonnement u wilt wijzigen.
plan-refused-quantity = Kies een aantal van { $min } tot { $max }. Er is niets gewijzigd.
plan-refused-quantity-fixed = Het aantal kan hier niet worden gewijzigd. Er is niets gewijzigd.
plan-refused-duplicate = Dat abonnement maakt al deel uit van uw abonnement. Er is niets gewijzigd.
plan-refused-state = Dit abonnement kan nu niet worden gewijzigd. Er is niets gewijzigd.
plan-refused-same = Dat is uw huidige abonnement. Kies een ander om te zien wat er verandert.
plan-preview-unavailable = We konden de kosten van deze wijziging nu niet berekenen. Er is niets gewijzigd; probeer het zo opnieuw.

## Kosten: volgende facturen, factuurregels, kortingen en belastingen

charges-next-invoice-on = Volgende factuur op { $date }: { $amount }
charges-next-invoice = Volgende factuur: { $amount }
charges-next-invoice-unavailable = Volgende factuur: het bedrag is nu niet beschikbaar.
charges-separator = {" · "}
charges-percent-off = { $percent } korting
charges-amount-off = { $amount } korting
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, tot { $date }
charges-discount-once = { $terms }, alleen op deze factuur
charges-discount = Korting
charges-tax-added = { $tax }: { $amount }
charges-tax-included = Inclusief { $tax }: { $amount }
charges-includes-tax = Inclusief { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = Belasting
charges-next-invoice-heading = Volgende factuur
charges-next-invoice-title = Volgende factuur voor { $plan }
charges-invoice-date = Factuurdatum: { $date }
charges-next-invoice-failed = We konden uw volgende factuur nu niet berekenen, dus er wordt geen bedrag getoond. Er is niets veranderd; probeer het zo opnieuw.
charges-no-next-invoice = Zoals het nu staat, wordt dit abonnement niet meer gefactureerd.
charges-paid-with-card = Het bedrag wordt afgeschreven van uw { $card }.
charges-paid-by-email = We e-mailen u een factuur om te betalen.
charges-paid-without-card = Er is geen kaart vastgelegd: voeg er vóór die datum een toe, zodat de factuur kan worden betaald.
charges-usage-heading = Gebruik deze periode
charges-usage-so-far = { $plan }: tot nu toe { $quantity } sinds { $since }
charges-usage-estimate = Schatting tot nu toe: { $amount }
charges-usage-unavailable = { $plan }: het gebruik tot nu toe is momenteel niet beschikbaar.
charges-more-lines = Alleen de eerste regels staan hier; de totalen omvatten alle regels.
charges-back-to-overview = Terug naar het overzicht
charges-lines-caption = Factuurregels
charges-col-description = Omschrijving
charges-col-quantity = Aantal
charges-col-unit-price = Prijs per stuk
charges-period = { $start } – { $end }
charges-proration = Aanpassing naar rato
charges-subtotal = Subtotaal
charges-total = Totaal
charges-total-excluding-tax = Totaal exclusief belasting
charges-amount-paid = Betaald bedrag
charges-amount-remaining = Openstaand bedrag
charges-invoice-title = Factuur { $number }
charges-invoice-untitled = Factuur
charges-issued-on = Uitgegeven op { $date }
charges-paid-on = Betaald op { $date }
charges-due-on = Te betalen vóór { $date }
charges-invoice-details = Details
charges-back-to-invoices = Alle facturen
charges-cancel-not-charged = Uw volgende factuur van { $amount }, verwacht op { $date }, wordt niet in rekening gebracht.
charges-cancel-not-charged-unavailable = Uw volgende factuur wordt niet in rekening gebracht.

## Aanbiedingen naast "Toch opzeggen", eigen redenen

offers-continue-button = Doorgaan
offers-you-said = U gaf aan: { $reason }.
offers-change-reason = Mijn antwoord wijzigen
offers-offer-heading = Voordat u gaat
offers-still-cancel-heading = Wilt u toch opzeggen?
offers-cancel-anyway = Toch opzeggen
offers-coupon-body = Blijf en krijg { $terms }.
offers-coupon-button = Korting toepassen
offers-pause-body = Neem liever een pauze: zolang uw abonnement gepauzeerd is, betaalt u niets.
offers-pause-button = Liever pauzeren
offers-downgrade-body = Ga goedkoper door met { $plan }.
offers-downgrade-button = Overstappen naar { $plan }
offers-support-body = Vertel ons wat er misging; misschien kunnen we het oplossen.
offers-support-button = Neem contact op
offers-for-months =
    { $months ->
        [one] { $off } gedurende { $months } maand
       *[other] { $off } gedurende { $months } maanden
    }
offers-forever = { $off } zolang u blijft
offers-offer-unavailable = Deze aanbieding is niet meer beschikbaar voor dit abonnement. Er is niets gewijzigd.
offers-offer-applied = Klaar: de aanbieding is op uw abonnement toegepast.

## Sign-in with an email address

login-title = Meld u aan om uw facturatie te beheren
login-intro = Vul het e-mailadres van uw account bij { $tenant } in. We e-mailen u een link waarmee u zich aanmeldt.
login-email-label = E-mailadres
login-button = E-mail mij een aanmeldlink
login-missing = Vul uw e-mailadres in.
login-invalid = Vul een e-mailadres in zoals naam@voorbeeld.nl.
login-sent-title = Controleer uw e-mail
login-sent-body = Als dit adres bij een account hoort, is er een aanmeldlink onderweg. Het kan enkele minuten duren voordat die binnenkomt.
login-sent-again = Een ander e-mailadres gebruiken
login-email-subject = Uw aanmeldlink voor { $tenant }
login-email-intro = Hier is een link om uw facturatie bij { $tenant } te beheren, één voor elk account dat dit e-mailadres gebruikt:
login-email-account = Account { $number }
login-email-plans = Betaalt voor: { $plans }
login-email-no-plans = Geen actief abonnement
login-email-outro = Elke link werkt één keer en verloopt na een uur. Hebt u niet gevraagd om u aan te melden, dan kunt u deze e-mail negeren.
