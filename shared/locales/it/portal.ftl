# Italiano.
# Registro: si dà del «tu», come nella maggior parte dei servizi online italiani; tono cordiale.

## La lingua

language-name = Italiano
language-switcher-label = Lingua
language-switcher-button = Cambia lingua

## Cornice

skip-to-content = Vai al contenuto
portal-title = Fatturazione
nav-label = Fatturazione
nav-overview = Panoramica
nav-invoices = Fatture
nav-billing-details = Dati di fatturazione
return-to = Torna a { $tenant }
contact-support = Contatta l’assistenza
signed-in-as = Accesso effettuato come { $customer }

## Pagina iniziale, link scaduto, nuovo link

landing-title = Apri la tua pagina di fatturazione
landing-body = Per la tua sicurezza, premi «Continua» per aprire la pagina di fatturazione.
landing-button = Continua
gone-title = Questo link non è più valido
gone-body = I link alla pagina di fatturazione funzionano una sola volta e scadono dopo poco tempo. Possiamo inviartene uno nuovo via email.
gone-email-button = Inviami un nuovo link
back-to = Torna a { $tenant }
relink-sent-title = Controlla la tua email
relink-sent-body = Se abbiamo un indirizzo email per questo account, un nuovo link è in arrivo. Potrebbero volerci alcuni minuti.

## Email

email-greeting = Ciao,
relink-email-subject = Il tuo link di fatturazione di { $tenant }
relink-email-intro = Ecco il tuo nuovo link per gestire la fatturazione con { $tenant }:
relink-email-outro = Funziona una sola volta e scade presto. Se non l’hai richiesto, puoi ignorare questa email.
email-changed-subject = L’email di fatturazione di { $tenant } è stata modificata
email-changed-body = L’email di fatturazione del tuo account { $tenant } è appena stata cambiata in { $address }. D’ora in poi fatture e ricevute arriveranno lì.
email-changed-warning = Se non hai fatto tu questa modifica, contatta subito { $tenant }.
mail-cancel-scheduled-subject = Il tuo piano { $plan } di { $tenant } verrà disdetto
mail-cancel-scheduled-ends = Il tuo piano { $plan } verrà disdetto il { $date }.
mail-cancel-scheduled-keep = Fino ad allora mantieni { $plan }; non ti verrà addebitato altro.
mail-cancel-scheduled-renew = Hai cambiato idea? Puoi rinnovarlo con un clic prima di quella data.
mail-cancel-ended-subject = Il tuo piano { $plan } di { $tenant } è terminato
mail-cancel-ended-body = Il tuo piano { $plan } è terminato il { $date }. Non ti verrà addebitato altro.
mail-cancel-ended-welcome = Puoi tornare quando vuoi: sarai sempre il benvenuto.
mail-cancel-undone-subject = Il tuo piano { $plan } di { $tenant } continua
mail-cancel-undone-body = La disdetta del tuo piano { $plan } è stata annullata. Si rinnova come sempre.
mail-paused-subject = Il tuo piano { $plan } di { $tenant } è in pausa
mail-paused-until = Il tuo piano { $plan } è in pausa fino al { $date }. Durante la pausa non ti verrà addebitato nulla.
mail-paused = Il tuo piano { $plan } è in pausa. Durante la pausa non ti verrà addebitato nulla.
mail-resumed-subject = Il tuo piano { $plan } di { $tenant } è ripreso
mail-resumed-body = Il tuo piano { $plan } è ripreso e viene fatturato come sempre.
mail-portal-link-intro = Gestisci qui la tua fatturazione con { $tenant }:
mail-portal-link-text = Apri il portale di fatturazione
mail-link-expired-hint = Se il link è scaduto, aprilo comunque e scegli «Inviami un nuovo link».

## Disdetta

cancel-plan = Disdici il piano
cancel-title = Disdici { $plan }
cancel-ends-on = Il tuo piano termina il { $date }; fino ad allora mantieni { $plan }. Non ti verrà addebitato altro.
cancel-ends-now = Termina subito: { $plan } si interrompe immediatamente e non ti verrà addebitato altro.
cancel-confirm = Conferma la disdetta
reason-legend = Perché disdici? (facoltativo)
reason-label =
    { $reason ->
        [too_expensive] Costa troppo
        [missing_features] Mancano alcune funzioni
        [switched_service] Sono passato a un altro servizio
        [unused] Non lo uso abbastanza
        [customer_service] L’assistenza clienti non è stata all’altezza
        [too_complex] È troppo complicato
        [low_quality] La qualità non è stata all’altezza
       *[other] Altro motivo
    }
comment-label = Vuoi dirci qualcos’altro? (facoltativo)
pause-heading = Preferisci una pausa?
pause-until-label = Riprendi il
pause-option =
    { $days ->
        [one] Tra { $days } giorno ({ $date })
       *[other] Tra { $days } giorni ({ $date })
    }
pause-button = Metti in pausa
renew-button = Rinnova
resume-button = Riprendi
keep-plan = Mantieni il mio piano
action-failed = Non ha funzionato e non è stato modificato nulla. Riprova.
action-maybe-changed = Non ha funzionato e una parte potrebbe essere stata salvata. Controlla i dati qui sotto prima di riprovare.

## Abbonamenti

subscriptions-heading = Abbonamenti
no-subscriptions = Non hai abbonamenti attivi.
subscription-status =
    { $status ->
        [trialing] In prova
        [active] Attivo
        [past_due] Scaduto
        [paused] In pausa
        [unpaid] Non pagato
        [incomplete] Incompleto
        [incomplete_expired] Scaduto
        [canceled] Disdetto
       *[other] Sconosciuto
    }
cancels-on = Termina il { $date }
trial-ends-on = La prova termina il { $date }
paused-until = In pausa fino al { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } al giorno
                [week] { $amount } a settimana
                [month] { $amount } al mese
                [year] { $amount } all’anno
               *[other] { $amount } per periodo
            }
       *[other]
            { $interval ->
                [day] { $amount } ogni { $count } giorni
                [week] { $amount } ogni { $count } settimane
                [month] { $amount } ogni { $count } mesi
                [year] { $amount } ogni { $count } anni
               *[other] { $amount } ogni { $count } periodi
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } per unità utilizzata, fatturato ogni giorno
                [week] { $amount } per unità utilizzata, fatturato ogni settimana
                [month] { $amount } per unità utilizzata, fatturato ogni mese
                [year] { $amount } per unità utilizzata, fatturato ogni anno
               *[other] { $amount } per unità utilizzata, fatturato per periodo
            }
       *[other]
            { $interval ->
                [day] { $amount } per unità utilizzata, fatturato ogni { $count } giorni
                [week] { $amount } per unità utilizzata, fatturato ogni { $count } settimane
                [month] { $amount } per unità utilizzata, fatturato ogni { $count } mesi
                [year] { $amount } per unità utilizzata, fatturato ogni { $count } anni
               *[other] { $amount } per unità utilizzata, fatturato ogni { $count } periodi
            }
    }
price-tiered = Prezzi a scaglioni
quantity = × { $quantity }
unnamed-plan = Piano
items-label = Voci del piano

## Metodo di pagamento

payment-method-heading = Metodo di pagamento
card-ending = { $brand } che termina con { $last4 }
card-expires = Scade il { $month }/{ $year }
no-payment-method = Nessun metodo di pagamento registrato.
update-card = Aggiorna la carta
add-card = Aggiungi una carta
update-card-intro = Inserirai la nuova carta in una pagina di pagamento sicura e tornerai subito qui. Verrà usata per tutti i tuoi abbonamenti.
card-updated = La tua carta è stata aggiornata. Ora viene usata per tutti i tuoi abbonamenti.
card-not-updated = La tua carta non è stata modificata. Se hai completato la procedura nella pagina di pagamento, potrebbe volerci un attimo prima che compaia qui.
past-due-notice = L’ultimo pagamento per questo piano non è andato a buon fine, quindi risulta scaduto. Paga la fattura in sospeso o aggiorna la carta.
pay-open-invoice = Paga la fattura in sospeso
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
       *[other] Carta
    }

## Fatture

invoices-heading = Fatture
latest-invoices-heading = Ultime fatture
view-all-invoices = Vedi tutte le fatture
col-date = Data
col-number = Numero
col-amount = Importo
col-status = Stato
col-actions = Documenti
invoice-status =
    { $status ->
        [open] Da pagare
        [paid] Pagata
        [void] Annullata
        [uncollectible] Inesigibile
        [draft] Bozza
       *[other] Sconosciuto
    }
download-pdf = Scarica il PDF
view-invoice = Vedi la fattura
pay-now = Paga ora
for-invoice = {" "}della fattura { $number }
no-invoices = Non hai ancora fatture.
older-invoices = Fatture precedenti
newest-invoices = Fatture più recenti
pagination-label = Pagine delle fatture

## Dati di fatturazione

billing-details-intro = Questi dati compaiono su fatture e ricevute.
billing-field-label =
    { $field ->
        [email] Email
        [name] Nome
        [line1] Indirizzo
        [line2] Indirizzo, riga 2 (facoltativo)
        [city] Città
        [state] Provincia o regione (facoltativo)
        [postal_code] CAP
        [country] Codice paese
        [tax_type] Tipo
       *[tax_value] Numero
    }
billing-field-hint =
    { $field ->
        [email] Fatture e ricevute vengono inviate a questo indirizzo.
        [country] Due lettere, ad esempio IT, CH o SM.
       *[other] {""}
    }
address-legend = Indirizzo di fatturazione
tax-id-legend = Identificativo fiscale (facoltativo)
tax-type-none = Nessun identificativo fiscale
tax-type-label =
    { $kind ->
        [eu_vat] Partita IVA UE
        [gb_vat] Partita IVA del Regno Unito
        [us_ein] EIN statunitense
        [ca_bn] BN canadese
        [ca_gst_hst] Numero GST/HST canadese
        [au_abn] ABN australiano
        [nz_gst] Numero GST neozelandese
        [ch_vat] Numero IVA svizzero
        [no_vat] Numero IVA norvegese
        [in_gst] Numero GST indiano
        [jp_cn] Numero d’impresa giapponese
        [br_cnpj] CNPJ brasiliano
        [mx_rfc] RFC messicano
        [za_vat] Numero IVA sudafricano
       *[other] Identificativo fiscale
    }
save-button = Salva
billing-saved = Salvato. I tuoi dati di fatturazione sono aggiornati.
form-problems-heading = Correggi i campi indicati qui sotto
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Inserisci il tuo indirizzo email.
                [line1] Inserisci la prima riga dell’indirizzo.
                [city] Inserisci la città.
                [postal_code] Inserisci il CAP.
                [country] Inserisci il codice paese di due lettere.
                [tax_value] Inserisci il numero fiscale o scegli «Nessun identificativo fiscale».
               *[other] Questo campo è obbligatorio.
            }
        [too_long] È troppo lungo: al massimo 200 caratteri.
        [invalid_email] Inserisci un indirizzo email come nome@example.com.
        [invalid_country] Inserisci un codice paese di due lettere, ad esempio IT, CH o SM.
        [invalid_postal_code] Inserisci il CAP nel formato usato in questo paese.
        [invalid_tax_type] Scegli un tipo di identificativo fiscale dall’elenco.
        [invalid_tax_id] Inserisci il numero nel formato del tipo scelto.
       *[refused] Questo valore non è stato accettato. Controllalo e riprova.
    }

## Errori

section-unavailable = Non è stato possibile caricare questa sezione. Riprova tra poco.
not-found-title = Pagina non trovata
not-found-body = A questo indirizzo non c’è nulla.
error-title = Qualcosa è andato storto
error-body = Non è stato possibile mostrare questa pagina. Riprova tra poco.
forbidden-title = Questa richiesta è stata rifiutata
forbidden-body = Il modulo era scaduto. Torna indietro, ricarica la pagina e riprova.
method-title = Questa azione non è disponibile
session-ended-title = La tua sessione di fatturazione è terminata
session-ended-body = Per la tua sicurezza, le sessioni di fatturazione terminano dopo un periodo di inattività. Torna all’app e apri di nuovo la fatturazione.
rate-limited-title = Troppe richieste
rate-limited-body = Questa sessione di fatturazione ha fatto molte richieste in poco tempo. Aspetta un minuto, poi ricarica la pagina.

## Cambio di piano

plan-change-plan = Cambia piano
plan-title = Cambia { $plan }
plan-intro = Scegli un piano per vedere quanto costa prima di cambiare qualcosa.
plan-item-legend = Quale parte del tuo abbonamento?
plan-current = (piano attuale)
plan-quantity-label = Quantità (da { $min } a { $max })
plan-preview-button = Vedi cosa cambia
plan-no-prices = Non ci sono altri piani disponibili per questo abbonamento.
plan-preview-heading = Cosa cambia
plan-from-to = Da { $from } a { $to }
plan-due-now = Addebitato oggi: { $amount }
plan-nothing-now = Oggi non viene addebitato nulla.
plan-proration-charge = Include { $amount } per il resto del periodo in corso (proporzionale).
plan-proration-credit = Include un credito di { $amount } per la parte non utilizzata del periodo in corso.
plan-next-invoice = Prossima fattura il { $date }: { $amount }
plan-then-each-renewal = Poi { $amount } a ogni rinnovo.
plan-applies-at = Il tuo piano diventa { $plan } il { $date }; fino ad allora mantieni il piano attuale.
plan-applies-now = La modifica si applica appena confermi.
plan-confirm-button = Conferma la modifica
plan-changes-on = Diventa { $plan } il { $date }
plan-switch-heading = Preferisci un piano più piccolo?
plan-switch-instead = Passa invece a { $plan }
plan-refused-price = Questo piano non è disponibile per questo abbonamento. Non è stato modificato nulla.
plan-refused-item = Questa voce non fa parte dell’abbonamento. Non è stato modificato nulla.
plan-refused-choose-item = Scegli quale parte del tuo abbonamento modificare.
plan-refused-quantity = Scegli una quantità da { $min } a { $max }. Non è stato modificato nulla.
plan-refused-quantity-fixed = Qui la quantità non si può modificare. Non è stato modificato nulla.
plan-refused-duplicate = Questo piano fa già parte del tuo abbonamento. Non è stato modificato nulla.
plan-refused-state = Al momento il piano di questo abbonamento non si può cambiare. Non è stato modificato nulla.
plan-refused-same = Questo è il tuo piano attuale. Scegline un altro per vedere cosa cambia.
plan-preview-unavailable = Al momento non riusciamo a calcolare il costo di questa modifica. Non è stato modificato nulla; riprova tra poco.

## Addebiti: prossime fatture, voci, sconti e imposte

charges-next-invoice-on = Prossima fattura il { $date }: { $amount }
charges-next-invoice = Prossima fattura: { $amount }
charges-next-invoice-unavailable = Prossima fattura: l’importo al momento non è disponibile.
charges-separator = {" · "}
charges-percent-off = { $percent } di sconto
charges-amount-off = { $amount } di sconto
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, fino al { $date }
charges-discount-once = { $terms }, solo su questa fattura
charges-discount = Sconto
charges-tax-added = { $tax }: { $amount }
charges-tax-included = { $tax } inclusa: { $amount }
charges-includes-tax = { $tax } inclusa
charges-tax-rate = { $name } { $percent }
charges-tax = Imposta
charges-next-invoice-heading = Prossima fattura
charges-next-invoice-title = Prossima fattura per { $plan }
charges-invoice-date = Data della fattura: { $date }
charges-next-invoice-failed = Al momento non riusciamo a calcolare la tua prossima fattura, quindi non mostriamo alcun importo. Non è cambiato nulla; riprova tra poco.
charges-no-next-invoice = Così com’è, questo abbonamento non verrà più fatturato.
charges-paid-with-card = Verrà addebitata sulla tua { $card }.
charges-paid-by-email = Ti invieremo via email una fattura da pagare.
charges-paid-without-card = Non c’è nessuna carta registrata: aggiungine una prima di allora, così la fattura potrà essere pagata.
charges-usage-heading = Utilizzo in questo periodo
charges-usage-so-far = { $plan }: { $quantity } finora, dal { $since }
charges-usage-estimate = Stima finora: { $amount }
charges-usage-unavailable = { $plan }: l’utilizzo finora al momento non è disponibile.
charges-more-lines = Sono elencate solo le prime voci; i totali includono tutte le voci.
charges-back-to-overview = Torna alla panoramica
charges-lines-caption = Voci della fattura
charges-col-description = Descrizione
charges-col-quantity = Quantità
charges-col-unit-price = Prezzo unitario
charges-period = { $start } – { $end }
charges-proration = Adeguamento proporzionale
charges-subtotal = Subtotale
charges-total = Totale
charges-total-excluding-tax = Totale imposte escluse
charges-amount-paid = Importo pagato
charges-amount-remaining = Importo residuo
charges-invoice-title = Fattura { $number }
charges-invoice-untitled = Fattura
charges-issued-on = Emessa il { $date }
charges-paid-on = Pagata il { $date }
charges-due-on = Scade il { $date }
charges-invoice-details = Dettagli
charges-back-to-invoices = Tutte le fatture
charges-cancel-not-charged = Non ti verrà addebitata la prossima fattura di { $amount }, prevista per il { $date }.
charges-cancel-not-charged-unavailable = Non ti verrà addebitata la prossima fattura.

## Offerte accanto ad "Annulla comunque", motivi propri

offers-continue-button = Continua
offers-you-said = Ci hai detto: { $reason }.
offers-change-reason = Cambia la mia risposta
offers-offer-heading = Prima di andare
offers-still-cancel-heading = Vuoi comunque annullare?
offers-cancel-anyway = Annulla comunque
offers-coupon-body = Resta e ottieni { $terms }.
offers-coupon-button = Applica lo sconto
offers-pause-body = Prenditi una pausa: non ti verrà addebitato nulla mentre il piano è in pausa.
offers-pause-button = Metti in pausa
offers-downgrade-body = Continua spendendo meno con { $plan }.
offers-downgrade-button = Passa a { $plan }
offers-support-body = Raccontaci cosa non ha funzionato: forse possiamo rimediare.
offers-support-button = Parla con noi
offers-for-months =
    { $months ->
        [one] { $off } per { $months } mese
       *[other] { $off } per { $months } mesi
    }
offers-forever = { $off } finché resti con noi
offers-offer-unavailable = Questa offerta non è più disponibile per questo abbonamento. Non è stato modificato nulla.
offers-offer-applied = Fatto: l'offerta è applicata al tuo piano.

## Sign-in with an email address

login-title = Accedi per gestire la fatturazione
login-intro = Inserisci l’indirizzo email del tuo account { $tenant }. Ti invieremo via email un link per accedere.
login-email-label = Indirizzo email
login-button = Inviami un link di accesso
login-missing = Inserisci il tuo indirizzo email.
login-invalid = Inserisci un indirizzo email come nome@esempio.it.
login-sent-title = Controlla la tua email
login-sent-body = Se questo indirizzo appartiene a un account, un link di accesso è in arrivo. Potrebbero volerci alcuni minuti.
login-sent-again = Usa un altro indirizzo email
login-email-subject = Il tuo link di accesso a { $tenant }
login-email-intro = Ecco un link per gestire la fatturazione con { $tenant }, uno per ogni account che usa questo indirizzo email:
login-email-account = Account { $number }
login-email-plans = Paga per: { $plans }
login-email-no-plans = Nessun abbonamento attivo
login-email-outro = Ogni link funziona una sola volta e scade dopo un’ora. Se non hai chiesto di accedere, puoi ignorare questa email.
