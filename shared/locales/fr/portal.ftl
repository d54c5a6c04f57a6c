# Français.
# Vouvoiement (« vous ») partout, ton cordial ; typographie française (espace insécable avant « : ; ? ! »,
# guillemets « »).

## La langue

language-name = Français
language-switcher-label = Langue
language-switcher-button = Changer de langue

## Cadre

skip-to-content = Aller au contenu
portal-title = Facturation
nav-label = Facturation
nav-overview = Aperçu
nav-invoices = Factures
nav-billing-details = Coordonnées de facturation
return-to = Retour à { $tenant }
contact-support = Contacter l’assistance
signed-in-as = Connecté en tant que { $customer }

## Accueil, lien expiré, nouveau lien

landing-title = Ouvrir votre espace de facturation
landing-body = Pour votre sécurité, cliquez sur « Continuer » pour ouvrir votre espace de facturation.
landing-button = Continuer
gone-title = Ce lien n’est plus valide
gone-body = Les liens vers l’espace de facturation ne fonctionnent qu’une fois et expirent rapidement. Nous pouvons vous en envoyer un nouveau par e-mail.
gone-email-button = M’envoyer un nouveau lien
back-to = Retour à { $tenant }
relink-sent-title = Consultez votre messagerie
relink-sent-body = Si nous avons une adresse e-mail pour ce compte, un nouveau lien est en route. Il peut mettre quelques minutes à arriver.

## E-mails

email-greeting = Bonjour,
relink-email-subject = Votre lien de facturation { $tenant }
relink-email-intro = Voici votre nouveau lien pour gérer votre facturation avec { $tenant } :
relink-email-outro = Il ne fonctionne qu’une fois et expire bientôt. Si vous ne l’avez pas demandé, vous pouvez ignorer cet e-mail.
email-changed-subject = L’adresse e-mail de facturation de votre compte { $tenant } a été modifiée
email-changed-body = L’adresse e-mail de facturation de votre compte { $tenant } vient d’être remplacée par { $address }. Les factures et reçus y seront désormais envoyés.
email-changed-warning = Si vous n’êtes pas à l’origine de ce changement, contactez { $tenant } sans attendre.
mail-cancel-scheduled-subject = Votre formule { $plan } chez { $tenant } sera résiliée
mail-cancel-scheduled-ends = Votre formule { $plan } sera résiliée le { $date }.
mail-cancel-scheduled-keep = Vous conservez { $plan } jusque-là ; aucun autre prélèvement ne sera effectué.
mail-cancel-scheduled-renew = Vous avez changé d’avis ? Vous pouvez la renouveler en un clic avant cette date.
mail-cancel-ended-subject = Votre formule { $plan } chez { $tenant } a pris fin
mail-cancel-ended-body = Votre formule { $plan } a pris fin le { $date }. Aucun autre prélèvement ne sera effectué.
mail-cancel-ended-welcome = Vous serez toujours le bienvenu si vous souhaitez revenir.
mail-cancel-undone-subject = Votre formule { $plan } chez { $tenant } continue
mail-cancel-undone-body = La résiliation de votre formule { $plan } est annulée. Elle se renouvelle comme d’habitude.
mail-paused-subject = Votre formule { $plan } chez { $tenant } est en pause
mail-paused-until = Votre formule { $plan } est en pause jusqu’au { $date }. Rien ne vous sera facturé pendant la pause.
mail-paused = Votre formule { $plan } est en pause. Rien ne vous sera facturé pendant la pause.
mail-resumed-subject = Votre formule { $plan } chez { $tenant } a repris
mail-resumed-body = Votre formule { $plan } a repris et est facturée comme d’habitude.
mail-portal-link-intro = Gérez votre facturation avec { $tenant } ici :
mail-portal-link-text = Ouvrir votre portail de facturation
mail-link-expired-hint = Si le lien a expiré, ouvrez-le quand même et choisissez « M’envoyer un nouveau lien ».

## Résiliation

cancel-plan = Résilier la formule
cancel-title = Résilier { $plan }
cancel-ends-on = Votre formule prend fin le { $date } ; vous conservez { $plan } jusque-là. Aucun autre prélèvement ne sera effectué.
cancel-ends-now = Fin immédiate : { $plan } s’arrête tout de suite et aucun autre prélèvement ne sera effectué.
cancel-confirm = Confirmer la résiliation
reason-legend = Pourquoi résiliez-vous ? (facultatif)
reason-label =
    { $reason ->
        [too_expensive] C’est trop cher
        [missing_features] Il manque des fonctionnalités
        [switched_service] Je suis passé à un autre service
        [unused] Je ne l’utilise pas assez
        [customer_service] Le service client m’a déçu
        [too_complex] C’est trop compliqué
        [low_quality] La qualité m’a déçu
       *[other] Autre raison
    }
comment-label = Souhaitez-vous nous dire autre chose ? (facultatif)
pause-heading = Plutôt une pause ?
pause-until-label = Reprendre le
pause-option =
    { $days ->
        [one] Dans { $days } jour ({ $date })
       *[other] Dans { $days } jours ({ $date })
    }
pause-button = Mettre en pause à la place
renew-button = Renouveler
resume-button = Reprendre
keep-plan = Garder ma formule
action-failed = Cela n’a pas fonctionné et rien n’a été modifié. Veuillez réessayer.
action-maybe-changed = Cela n’a pas fonctionné et une partie a peut-être été enregistrée. Vérifiez les informations ci-dessous avant de réessayer.

## Abonnements

subscriptions-heading = Abonnements
no-subscriptions = Vous n’avez aucun abonnement actif.
subscription-status =
    { $status ->
        [trialing] Essai
        [active] Actif
        [past_due] En retard de paiement
        [paused] En pause
        [unpaid] Impayé
        [incomplete] Incomplet
        [incomplete_expired] Expiré
        [canceled] Résilié
       *[other] Inconnu
    }
cancels-on = Résiliation le { $date }
trial-ends-on = Fin de l’essai le { $date }
paused-until = En pause jusqu’au { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } par jour
                [week] { $amount } par semaine
                [month] { $amount } par mois
                [year] { $amount } par an
               *[other] { $amount } par période
            }
       *[other]
            { $interval ->
                [day] { $amount } tous les { $count } jours
                [week] { $amount } toutes les { $count } semaines
                [month] { $amount } tous les { $count } mois
                [year] { $amount } tous les { $count } ans
               *[other] { $amount } toutes les { $count } périodes
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } par unité utilisée, facturé chaque jour
                [week] { $amount } par unité utilisée, facturé chaque semaine
                [month] { $amount } par unité utilisée, facturé chaque mois
                [year] { $amount } par unité utilisée, facturé chaque année
               *[other] { $amount } par unité utilisée, facturé par période
            }
       *[other]
            { $interval ->
                [day] { $amount } par unité utilisée, facturé tous les { $count } jours
                [week] { $amount } par unité utilisée, facturé toutes les { $count } semaines
                [month] { $amount } par unité utilisée, facturé tous les { $count } mois
                [year] { $amount } par unité utilisée, facturé tous les { $count } ans
               *[other] { $amount } par unité utilisée, facturé toutes les { $count } périodes
            }
    }
price-tiered = Tarif par paliers
quantity = × { $quantity }
unnamed-plan = Formule
items-label = Éléments de la formule

## Moyen de paiement

payment-method-heading = Moyen de paiement
card-ending = { $brand } se terminant par { $last4 }
card-expires = Expire fin { $month }/{ $year }
no-payment-method = Aucun moyen de paiement enregistré.
update-card = Modifier la carte
add-card = Ajouter une carte
update-card-intro = Vous saisirez la nouvelle carte sur une page de paiement sécurisée, puis reviendrez directement ici. Elle servira pour tous vos abonnements.
card-updated = Votre carte a été modifiée. Elle sert désormais pour tous vos abonnements.
card-not-updated = Votre carte n’a pas été modifiée. Si vous avez terminé sur la page de paiement, elle peut mettre un moment à apparaître ici.
past-due-notice = Le dernier paiement de cette formule a échoué : elle est en retard de paiement. Réglez la facture en attente ou modifiez votre carte.
pay-open-invoice = Régler la facture en attente
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
       *[other] Carte
    }

## Factures

invoices-heading = Factures
latest-invoices-heading = Dernières factures
view-all-invoices = Voir toutes les factures
col-date = Date
col-number = Numéro
col-amount = Montant
col-status = Statut
col-actions = Documents
invoice-status =
    { $status ->
        [open] À payer
        [paid] Payée
        [void] Annulée
        [uncollectible] Irrécouvrable
        [draft] Brouillon
       *[other] Inconnu
    }
download-pdf = Télécharger le PDF
view-invoice = Voir la facture
pay-now = Payer maintenant
for-invoice = {" "}de la facture { $number }
no-invoices = Vous n’avez pas encore de facture.
older-invoices = Factures plus anciennes
newest-invoices = Factures les plus récentes
pagination-label = Pages de factures

## Coordonnées de facturation

billing-details-intro = Ces informations figurent sur vos factures et reçus.
billing-field-label =
    { $field ->
        [email] E-mail
        [name] Nom
        [line1] Adresse
        [line2] Complément d’adresse (facultatif)
        [city] Ville
        [state] Région ou département (facultatif)
        [postal_code] Code postal
        [country] Code pays
        [tax_type] Type
       *[tax_value] Numéro
    }
billing-field-hint =
    { $field ->
        [email] Les factures et reçus sont envoyés à cette adresse.
        [country] Deux lettres, par exemple FR, BE ou CH.
       *[other] {""}
    }
address-legend = Adresse de facturation
tax-id-legend = Numéro fiscal (facultatif)
tax-type-none = Aucun numéro fiscal
tax-type-label =
    { $kind ->
        [eu_vat] Numéro de TVA intracommunautaire
        [gb_vat] Numéro de TVA britannique
        [us_ein] EIN américain
        [ca_bn] NE canadien
        [ca_gst_hst] Numéro de TPS/TVH canadien
        [au_abn] ABN australien
        [nz_gst] Numéro de GST néo-zélandais
        [ch_vat] Numéro de TVA suisse
        [no_vat] Numéro de TVA norvégien
        [in_gst] Numéro de GST indien
        [jp_cn] Numéro d’entreprise japonais
        [br_cnpj] CNPJ brésilien
        [mx_rfc] RFC mexicain
        [za_vat] Numéro de TVA sud-africain
       *[other] Numéro fiscal
    }
save-button = Enregistrer
billing-saved = Enregistré. Vos coordonnées de facturation sont à jour.
form-problems-heading = Veuillez corriger les champs signalés ci-dessous
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Saisissez votre adresse e-mail.
                [line1] Saisissez la première ligne de l’adresse.
                [city] Saisissez la ville.
                [postal_code] Saisissez le code postal.
                [country] Saisissez le code pays à deux lettres.
                [tax_value] Saisissez le numéro fiscal ou choisissez « Aucun numéro fiscal ».
               *[other] Ce champ est obligatoire.
            }
        [too_long] C’est trop long : 200 caractères au maximum.
        [invalid_email] Saisissez une adresse e-mail du type nom@example.com.
        [invalid_country] Saisissez un code pays à deux lettres, par exemple FR, BE ou CH.
        [invalid_postal_code] Saisissez un code postal au format de ce pays.
        [invalid_tax_type] Choisissez un type de numéro fiscal dans la liste.
        [invalid_tax_id] Saisissez un numéro fiscal au format du type choisi.
       *[refused] Cette valeur n’a pas été acceptée. Vérifiez-la et réessayez.
    }

## Erreurs

section-unavailable = Impossible de charger ceci pour le moment. Veuillez réessayer dans un instant.
not-found-title = Page introuvable
not-found-body = Il n’y a rien à cette adresse.
error-title = Une erreur s’est produite
error-body = Impossible d’afficher cette page. Veuillez réessayer dans un instant.
forbidden-title = Cette demande a été refusée
forbidden-body = Le formulaire avait expiré. Revenez en arrière, rechargez la page et réessayez.
method-title = Cette action n’est pas disponible
session-ended-title = Votre session de facturation est terminée
session-ended-body = Pour votre sécurité, les sessions de facturation prennent fin après un moment d’inactivité. Revenez dans l’application et ouvrez à nouveau la facturation.
rate-limited-title = Trop de demandes
rate-limited-body = Cette session de facturation a envoyé beaucoup de demandes en peu de temps. Patientez une minute, puis rechargez la page.

## Changement de formule

plan-change-plan = Changer de formule
plan-title = Changer { $plan }
plan-intro = Choisissez une formule pour voir ce qu’elle coûte avant tout changement.
plan-item-legend = Quelle partie de votre abonnement ?
plan-current = (formule actuelle)
plan-quantity-label = Quantité (de { $min } à { $max })
plan-preview-button = Voir ce qui change
plan-no-prices = Aucune autre formule n’est disponible pour cet abonnement.
plan-preview-heading = Ce qui change
plan-from-to = De { $from } à { $to }
plan-due-now = Facturé aujourd’hui : { $amount }
plan-nothing-now = Rien n’est facturé aujourd’hui.
plan-proration-charge = Dont { $amount } pour le reste de la période en cours (au prorata).
plan-proration-credit = Dont un avoir de { $amount } pour la partie inutilisée de la période en cours.
plan-next-invoice = Prochaine facture le { $date } : { $amount }
plan-then-each-renewal = Puis { $amount } à chaque renouvellement.
plan-applies-at = Votre formule passe à { $plan } le { $date } ; vous gardez votre formule actuelle jusque-là.
plan-applies-now = Le changement s’applique dès votre confirmation.
plan-confirm-button = Confirmer le changement
plan-changes-on = Passe à { $plan } le { $date }
plan-switch-heading = Plutôt une formule plus petite ?
plan-switch-instead = Passer plutôt à { $plan }
plan-refused-price = Cette formule n’est pas disponible pour cet abonnement. Rien n’a été modifié.
plan-refused-item = Cet élément ne fait pas partie de cet abonnement. Rien n’a été modifié.
plan-refused-choose-item = Choisissez la partie de votre abonnement à modifier.
plan-refused-quantity = Choisissez une quantité de { $min } à { $max }. Rien n’a été modifié.
plan-refused-quantity-fixed = La quantité ne peut pas être modifiée ici. Rien n’a été modifié.
plan-refused-duplicate = Cette formule fait déjà partie de votre abonnement. Rien n’a été modifié.
plan-refused-state = La formule de cet abonnement ne peut pas être changée pour le moment. Rien n’a été modifié.
plan-refused-same = C’est votre formule actuelle. Choisissez-en une autre pour voir ce qui change.
plan-preview-unavailable = Impossible de calculer le coût de ce changement pour le moment. Rien n’a été modifié ; veuillez réessayer dans un instant.

## Frais : prochaines factures, détail des factures, remises et taxes

charges-next-invoice-on = Prochaine facture le { $date } : { $amount }
charges-next-invoice = Prochaine facture : { $amount }
charges-next-invoice-unavailable = Prochaine facture : le montant n’est pas disponible pour le moment.
charges-separator = {" · "}
charges-percent-off = { $percent } de remise
charges-amount-off = { $amount } de remise
charges-named-discount = { $name } : { $terms }
charges-discount-until = { $terms }, jusqu’au { $date }
charges-discount-once = { $terms }, sur cette facture uniquement
charges-discount = Remise
charges-tax-added = { $tax } : { $amount }
charges-tax-included = Dont { $tax } : { $amount }
charges-includes-tax = Dont { $tax }
charges-tax-rate = { $name } { $percent }
charges-tax = Taxe
charges-next-invoice-heading = Prochaine facture
charges-next-invoice-title = Prochaine facture pour { $plan }
charges-invoice-date = Date de facture : { $date }
charges-next-invoice-failed = Impossible de calculer votre prochaine facture pour le moment, aucun montant n’est donc affiché. Rien n’a changé ; veuillez réessayer dans un instant.
charges-no-next-invoice = En l’état, cet abonnement ne sera plus facturé.
charges-paid-with-card = Le montant sera débité de votre { $card }.
charges-paid-by-email = Nous vous enverrons une facture à régler par e-mail.
charges-paid-without-card = Aucune carte n’est enregistrée : ajoutez-en une d’ici là pour que la facture puisse être réglée.
charges-usage-heading = Consommation de la période
charges-usage-so-far = { $plan } : { $quantity } depuis le { $since }
charges-usage-estimate = Estimation à ce jour : { $amount }
charges-usage-unavailable = { $plan } : la consommation n’est pas disponible pour le moment.
charges-more-lines = Seules les premières lignes sont affichées ; les totaux incluent toutes les lignes.
charges-back-to-overview = Retour à l’aperçu
charges-lines-caption = Détail de la facture
charges-col-description = Description
charges-col-quantity = Quantité
charges-col-unit-price = Prix unitaire
charges-period = { $start } – { $end }
charges-proration = Ajustement au prorata
charges-subtotal = Sous-total
charges-total = Total
charges-total-excluding-tax = Total hors taxes
charges-amount-paid = Montant payé
charges-amount-remaining = Reste à payer
charges-invoice-title = Facture { $number }
charges-invoice-untitled = Facture
charges-issued-on = Émise le { $date }
charges-paid-on = Payée le { $date }
charges-due-on = À payer avant le { $date }
charges-invoice-details = Détails
charges-back-to-invoices = Toutes les factures
charges-cancel-not-charged = Votre prochaine facture de { $amount }, prévue le { $date }, ne vous sera pas facturée.
charges-cancel-not-charged-unavailable = Votre prochaine facture ne vous sera pas facturée.

## Offres à côté de « Résilier quand même », motifs propres

offers-continue-button = Continuer
offers-you-said = Vous nous avez dit : { $reason }.
offers-change-reason = Modifier ma réponse
offers-offer-heading = Avant de partir
offers-still-cancel-heading = Vous souhaitez toujours résilier ?
offers-cancel-anyway = Résilier quand même
offers-coupon-body = Restez et profitez de { $terms }.
offers-coupon-button = Appliquer la remise
offers-pause-body = Faites plutôt une pause : vous ne serez pas facturé pendant la suspension de votre abonnement.
offers-pause-button = Suspendre plutôt
offers-downgrade-body = Continuez pour moins cher avec { $plan }.
offers-downgrade-button = Passer à { $plan }
offers-support-body = Dites-nous ce qui n’a pas marché ; nous pourrons peut-être y remédier.
offers-support-button = Nous contacter
offers-for-months =
    { $months ->
        [one] { $off } pendant { $months } mois
       *[other] { $off } pendant { $months } mois
    }
offers-forever = { $off } tant que vous restez
offers-offer-unavailable = Cette offre n’est plus disponible pour cet abonnement. Rien n’a été modifié.
offers-offer-applied = C’est fait : l’offre est appliquée à votre abonnement.

## Sign-in with an email address

login-title = Connectez-vous pour gérer votre facturation
login-intro = Saisissez l’adresse e-mail de votre compte { $tenant }. Nous vous enverrons par e-mail un lien de connexion.
login-email-label = Adresse e-mail
login-button = M’envoyer un lien de connexion
login-missing = Saisissez votre adresse e-mail.
login-invalid = Saisissez une adresse e-mail du type nom@exemple.com.
login-sent-title = Consultez votre messagerie
login-sent-body = Si cette adresse appartient à un compte, un lien de connexion est en route. Il peut mettre quelques minutes à arriver.
login-sent-again = Utiliser une autre adresse e-mail
login-email-subject = Votre lien de connexion { $tenant }
login-email-intro = Voici un lien pour gérer votre facturation avec { $tenant }, un pour chaque compte qui utilise cette adresse e-mail :
login-email-account = Compte { $number }
login-email-plans = Abonnements : { $plans }
login-email-no-plans = Aucun abonnement actif
login-email-outro = Chaque lien ne fonctionne qu’une fois et expire au bout d’une heure. Si vous n’avez pas demandé à vous connecter, vous pouvez ignorer cet e-mail.
