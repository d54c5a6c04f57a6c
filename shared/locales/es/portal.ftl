# Español (neutro, válido en España y Latinoamérica).
# Tratamiento: «usted», siempre; tono cordial y directo.

## El idioma

language-name = Español
language-switcher-label = Idioma
language-switcher-button = Cambiar idioma

## Marco

skip-to-content = Ir al contenido
portal-title = Facturación
nav-label = Facturación
nav-overview = Resumen
nav-invoices = Facturas
nav-billing-details = Datos de facturación
return-to = Volver a { $tenant }
contact-support = Contactar con soporte
signed-in-as = Sesión iniciada como { $customer }

## Inicio, enlace caducado, enlace nuevo

landing-title = Abra su página de facturación
landing-body = Por su seguridad, pulse «Continuar» para abrir su página de facturación.
landing-button = Continuar
gone-title = Este enlace ya no es válido
gone-body = Los enlaces a la página de facturación funcionan una sola vez y caducan al poco tiempo. Podemos enviarle uno nuevo por correo electrónico.
gone-email-button = Enviarme un enlace nuevo
back-to = Volver a { $tenant }
relink-sent-title = Revise su correo electrónico
relink-sent-body = Si tenemos una dirección de correo para esta cuenta, le hemos enviado un enlace nuevo. Puede tardar unos minutos en llegar.

## Correos electrónicos

email-greeting = Hola:
relink-email-subject = Su enlace de facturación de { $tenant }
relink-email-intro = Este es su nuevo enlace para gestionar la facturación con { $tenant }:
relink-email-outro = Funciona una sola vez y caduca pronto. Si no lo ha solicitado, puede ignorar este correo.
email-changed-subject = Se ha cambiado el correo de facturación de { $tenant }
email-changed-body = El correo de facturación de su cuenta de { $tenant } se acaba de cambiar a { $address }. A partir de ahora, las facturas y los recibos se enviarán allí.
email-changed-warning = Si no ha hecho usted este cambio, póngase en contacto con { $tenant } de inmediato.
mail-cancel-scheduled-subject = Su plan { $plan } de { $tenant } se cancelará
mail-cancel-scheduled-ends = Su plan { $plan } se cancelará el { $date }.
mail-cancel-scheduled-keep = Conserva { $plan } hasta entonces; no se le volverá a cobrar.
mail-cancel-scheduled-renew = ¿Ha cambiado de opinión? Puede renovarlo con un clic antes de esa fecha.
mail-cancel-ended-subject = Su plan { $plan } de { $tenant } ha finalizado
mail-cancel-ended-body = Su plan { $plan } finalizó el { $date }. No se le volverá a cobrar.
mail-cancel-ended-welcome = Puede volver cuando quiera; será bienvenido.
mail-cancel-undone-subject = Su plan { $plan } de { $tenant } continuará
mail-cancel-undone-body = Su plan { $plan } ya no se cancelará. Se renovará como de costumbre.
mail-paused-subject = Su plan { $plan } de { $tenant } está en pausa
mail-paused-until = Su plan { $plan } está en pausa hasta el { $date }. No se le cobrará mientras esté en pausa.
mail-paused = Su plan { $plan } está en pausa. No se le cobrará mientras esté en pausa.
mail-resumed-subject = Su plan { $plan } de { $tenant } se ha reanudado
mail-resumed-body = Su plan { $plan } se ha reanudado y se factura como de costumbre.
mail-portal-link-intro = Gestione su facturación con { $tenant } aquí:
mail-portal-link-text = Abrir su portal de facturación
mail-link-expired-hint = Si el enlace ha caducado, ábralo de todos modos y elija «Enviarme un enlace nuevo».

## Cancelación

cancel-plan = Cancelar plan
cancel-title = Cancelar { $plan }
cancel-ends-on = Su plan finaliza el { $date }; conserva { $plan } hasta entonces. No se le volverá a cobrar.
cancel-ends-now = Finaliza ahora: { $plan } se detiene de inmediato y no se le volverá a cobrar.
cancel-confirm = Confirmar la cancelación
reason-legend = ¿Por qué cancela? (opcional)
reason-label =
    { $reason ->
        [too_expensive] Es demasiado caro
        [missing_features] Faltan funciones
        [switched_service] Me he cambiado a otro servicio
        [unused] No lo uso lo suficiente
        [customer_service] La atención al cliente no estuvo a la altura
        [too_complex] Es demasiado complicado
        [low_quality] La calidad no estuvo a la altura
       *[other] Otro motivo
    }
comment-label = ¿Quiere contarnos algo más? (opcional)
pause-heading = ¿Prefiere hacer una pausa?
pause-until-label = Reanudar el
pause-option =
    { $days ->
        [one] Dentro de { $days } día ({ $date })
       *[other] Dentro de { $days } días ({ $date })
    }
pause-button = Pausar en su lugar
renew-button = Renovar
resume-button = Reanudar
keep-plan = Mantener mi plan
action-failed = No se ha podido completar y no se ha cambiado nada. Inténtelo de nuevo.
action-maybe-changed = No se ha podido completar y es posible que una parte se haya guardado. Revise lo que aparece abajo antes de volver a intentarlo.

## Suscripciones

subscriptions-heading = Suscripciones
no-subscriptions = No tiene suscripciones activas.
subscription-status =
    { $status ->
        [trialing] En prueba
        [active] Activa
        [past_due] Vencida
        [paused] En pausa
        [unpaid] Impagada
        [incomplete] Incompleta
        [incomplete_expired] Caducada
        [canceled] Cancelada
       *[other] Desconocido
    }
cancels-on = Se cancela el { $date }
trial-ends-on = La prueba termina el { $date }
paused-until = En pausa hasta el { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } al día
                [week] { $amount } a la semana
                [month] { $amount } al mes
                [year] { $amount } al año
               *[other] { $amount } por periodo
            }
       *[other]
            { $interval ->
                [day] { $amount } cada { $count } días
                [week] { $amount } cada { $count } semanas
                [month] { $amount } cada { $count } meses
                [year] { $amount } cada { $count } años
               *[other] { $amount } cada { $count } periodos
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } por unidad usada, facturado a diario
                [week] { $amount } por unidad usada, facturado cada semana
                [month] { $amount } por unidad usada, facturado cada mes
                [year] { $amount } por unidad usada, facturado cada año
               *[other] { $amount } por unidad usada, facturado por periodo
            }
       *[other]
            { $interval ->
                [day] { $amount } por unidad usada, facturado cada { $count } días
                [week] { $amount } por unidad usada, facturado cada { $count } semanas
                [month] { $amount } por unidad usada, facturado cada { $count } meses
                [year] { $amount } por unidad usada, facturado cada { $count } años
               *[other] { $amount } por unidad usada, facturado cada { $count } periodos
            }
    }
price-tiered = Precio por tramos
quantity = × { $quantity }
unnamed-plan = Plan
items-label = Elementos del plan

## Método de pago

payment-method-heading = Método de pago
card-ending = { $brand } terminada en { $last4 }
card-expires = Caduca el { $month }/{ $year }
no-payment-method = No hay ningún método de pago registrado.
update-card = Cambiar tarjeta
add-card = Añadir una tarjeta
update-card-intro = Introducirá la nueva tarjeta en una página de pago segura y volverá aquí directamente. Se usará para todas sus suscripciones.
card-updated = Su tarjeta se ha actualizado. Ahora se usa para todas sus suscripciones.
card-not-updated = Su tarjeta no ha cambiado. Si terminó en la página de pago, puede tardar un momento en aparecer aquí.
past-due-notice = El último pago de este plan no se pudo cobrar, así que está vencido. Pague la factura pendiente o cambie su tarjeta.
pay-open-invoice = Pagar la factura pendiente
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
       *[other] Tarjeta
    }

## Facturas

invoices-heading = Facturas
latest-invoices-heading = Últimas facturas
view-all-invoices = Ver todas las facturas
col-date = Fecha
col-number = Número
col-amount = Importe
col-status = Estado
col-actions = Documentos
invoice-status =
    { $status ->
        [open] Pendiente
        [paid] Pagada
        [void] Anulada
        [uncollectible] Incobrable
        [draft] Borrador
       *[other] Desconocido
    }
download-pdf = Descargar PDF
view-invoice = Ver factura
pay-now = Pagar ahora
for-invoice = {" "}de la factura { $number }
no-invoices = Todavía no tiene facturas.
older-invoices = Facturas anteriores
newest-invoices = Facturas más recientes
pagination-label = Páginas de facturas

## Datos de facturación

billing-details-intro = Estos datos aparecen en sus facturas y recibos.
billing-field-label =
    { $field ->
        [email] Correo electrónico
        [name] Nombre
        [line1] Dirección
        [line2] Dirección, línea 2 (opcional)
        [city] Ciudad o localidad
        [state] Provincia, estado o región (opcional)
        [postal_code] Código postal
        [country] Código de país
        [tax_type] Tipo
       *[tax_value] Número
    }
billing-field-hint =
    { $field ->
        [email] Las facturas y los recibos se envían a esta dirección.
        [country] Dos letras, como ES, MX o AR.
       *[other] {""}
    }
address-legend = Dirección de facturación
tax-id-legend = Identificación fiscal (opcional)
tax-type-none = Sin identificación fiscal
tax-type-label =
    { $kind ->
        [eu_vat] NIF-IVA de la UE
        [gb_vat] Número de IVA del Reino Unido
        [us_ein] EIN de EE. UU.
        [ca_bn] BN de Canadá
        [ca_gst_hst] Número GST/HST de Canadá
        [au_abn] ABN de Australia
        [nz_gst] Número GST de Nueva Zelanda
        [ch_vat] Número de IVA de Suiza
        [no_vat] Número de IVA de Noruega
        [in_gst] Número GST de la India
        [jp_cn] Número corporativo de Japón
        [br_cnpj] CNPJ de Brasil
        [mx_rfc] RFC de México
        [za_vat] Número de IVA de Sudáfrica
       *[other] Identificación fiscal
    }
save-button = Guardar
billing-saved = Guardado. Sus datos de facturación están al día.
form-problems-heading = Corrija los campos marcados abajo
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Introduzca su dirección de correo electrónico.
                [line1] Introduzca la primera línea de la dirección.
                [city] Introduzca la ciudad o localidad.
                [postal_code] Introduzca el código postal.
                [country] Introduzca el código de país de dos letras.
                [tax_value] Introduzca el número de identificación fiscal o elija «Sin identificación fiscal».
               *[other] Este campo es obligatorio.
            }
        [too_long] Es demasiado largo: use como máximo 200 caracteres.
        [invalid_email] Introduzca una dirección de correo como nombre@example.com.
        [invalid_country] Introduzca un código de país de dos letras, como ES, MX o AR.
        [invalid_postal_code] Introduzca un código postal con el formato de este país.
        [invalid_tax_type] Elija un tipo de identificación fiscal de la lista.
        [invalid_tax_id] Introduzca un número con el formato del tipo elegido.
       *[refused] Este valor no se ha aceptado. Revíselo e inténtelo de nuevo.
    }

## Errores

section-unavailable = No hemos podido cargar esto ahora mismo. Inténtelo de nuevo en un momento.
not-found-title = Página no encontrada
not-found-body = No hay nada en esta dirección.
error-title = Algo ha salido mal
error-body = No hemos podido mostrar esta página. Inténtelo de nuevo en un momento.
forbidden-title = Se ha rechazado esta solicitud
forbidden-body = El formulario había caducado. Vuelva atrás, recargue la página e inténtelo de nuevo.
method-title = Esta acción no está disponible
session-ended-title = Su sesión de facturación ha finalizado
session-ended-body = Por su seguridad, las sesiones de facturación finalizan tras un periodo de inactividad. Vuelva a la aplicación y abra de nuevo la facturación.
rate-limited-title = Demasiadas solicitudes
rate-limited-body = Esta sesión de facturación ha hecho muchas solicitudes en poco tiempo. Espere un minuto y vuelva a cargar la página.

## Cambio de plan

plan-change-plan = Cambiar de plan
plan-title = Cambiar { $plan }
plan-intro = Elija un plan para ver cuánto cuesta antes de que cambie nada.
plan-item-legend = ¿Qué parte de su suscripción?
plan-current = (plan actual)
plan-quantity-label = Cantidad (de { $min } a { $max })
plan-preview-button = Ver qué cambia
plan-no-prices = No hay otros planes disponibles para esta suscripción.
plan-preview-heading = Qué cambia
plan-from-to = De { $from } a { $to }
plan-due-now = Se cobra hoy: { $amount }
plan-nothing-now = Hoy no se cobra nada.
plan-proration-charge = Incluye { $amount } por el resto del periodo actual (prorrateado).
plan-proration-credit = Incluye un crédito de { $amount } por la parte no utilizada del periodo actual.
plan-next-invoice = Próxima factura el { $date }: { $amount }
plan-then-each-renewal = Después, { $amount } en cada renovación.
plan-applies-at = Su plan cambia a { $plan } el { $date }; conserva su plan actual hasta entonces.
plan-applies-now = El cambio se aplica en cuanto lo confirme.
plan-confirm-button = Confirmar el cambio
plan-changes-on = Cambia a { $plan } el { $date }
plan-switch-heading = ¿Prefiere un plan más pequeño?
plan-switch-instead = Cambiar a { $plan } en su lugar
plan-refused-price = Ese plan no está disponible para esta suscripción. No se ha cambiado nada.
plan-refused-item = Ese elemento no forma parte de esta suscripción. No se ha cambiado nada.
plan-refused-choose-item = Elija qué parte de su suscripción quiere cambiar.
plan-refused-quantity = Elija una cantidad de { $min } a { $max }. No se ha cambiado nada.
plan-refused-quantity-fixed = La cantidad no se puede cambiar aquí. No se ha cambiado nada.
plan-refused-duplicate = Ese plan ya forma parte de su suscripción. No se ha cambiado nada.
plan-refused-state = El plan de esta suscripción no se puede cambiar ahora. No se ha cambiado nada.
plan-refused-same = Ese es su plan actual. Elija otro para ver qué cambia.
plan-preview-unavailable = No hemos podido calcular el coste de este cambio ahora mismo. No se ha cambiado nada; inténtelo de nuevo en un momento.

## Cargos: próximas facturas, conceptos, descuentos e impuestos

charges-next-invoice-on = Próxima factura el { $date }: { $amount }
charges-next-invoice = Próxima factura: { $amount }
charges-next-invoice-unavailable = Próxima factura: el importe no está disponible ahora mismo.
charges-separator = {" · "}
charges-percent-off = { $percent } de descuento
charges-amount-off = { $amount } de descuento
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, hasta el { $date }
charges-discount-once = { $terms }, solo en esta factura
charges-discount = Descuento
charges-tax-added = { $tax }: { $amount }
charges-tax-included = { $tax } incluido: { $amount }
charges-includes-tax = { $tax } incluido
charges-tax-rate = { $name } { $percent }
charges-tax = Impuesto
charges-next-invoice-heading = Próxima factura
charges-next-invoice-title = Próxima factura de { $plan }
charges-invoice-date = Fecha de la factura: { $date }
charges-next-invoice-failed = No hemos podido calcular su próxima factura ahora mismo, así que no se muestra ningún importe. No ha cambiado nada; inténtelo de nuevo en un momento.
charges-no-next-invoice = Tal como está, esta suscripción no volverá a facturarse.
charges-paid-with-card = Se cargará en su { $card }.
charges-paid-by-email = Le enviaremos por correo electrónico una factura para que la pague.
charges-paid-without-card = No hay ninguna tarjeta registrada: añada una antes de esa fecha para poder pagar la factura.
charges-usage-heading = Uso en este periodo
charges-usage-so-far = { $plan }: { $quantity } desde el { $since }
charges-usage-estimate = Estimación hasta ahora: { $amount }
charges-usage-unavailable = { $plan }: el uso hasta ahora no está disponible en este momento.
charges-more-lines = Solo se muestran las primeras líneas; los totales incluyen todas.
charges-back-to-overview = Volver al resumen
charges-lines-caption = Conceptos de la factura
charges-col-description = Descripción
charges-col-quantity = Cantidad
charges-col-unit-price = Precio unitario
charges-period = { $start } – { $end }
charges-proration = Ajuste prorrateado
charges-subtotal = Subtotal
charges-total = Total
charges-total-excluding-tax = Total sin impuestos
charges-amount-paid = Importe pagado
charges-amount-remaining = Importe pendiente
charges-invoice-title = Factura { $number }
charges-invoice-untitled = Factura
charges-issued-on = Emitida el { $date }
charges-paid-on = Pagada el { $date }
charges-due-on = Vence el { $date }
charges-invoice-details = Detalles
charges-back-to-invoices = Todas las facturas
charges-cancel-not-charged = No se le cobrará su próxima factura de { $amount }, prevista para el { $date }.
charges-cancel-not-charged-unavailable = No se le cobrará su próxima factura.

## Ofertas junto a "Cancelar de todos modos", motivos propios

offers-continue-button = Continuar
offers-you-said = Nos dijo: { $reason }.
offers-change-reason = Cambiar mi respuesta
offers-offer-heading = Antes de irse
offers-still-cancel-heading = ¿Aún desea cancelar?
offers-cancel-anyway = Cancelar de todos modos
offers-coupon-body = Quédese y obtenga { $terms }.
offers-coupon-button = Aplicar el descuento
offers-pause-body = Tómese un descanso: no se le cobrará mientras su plan esté en pausa.
offers-pause-button = Pausar en su lugar
offers-downgrade-body = Siga pagando menos con { $plan }.
offers-downgrade-button = Cambiar a { $plan }
offers-support-body = Cuéntenos qué salió mal; quizá podamos solucionarlo.
offers-support-button = Hable con nosotros
offers-for-months =
    { $months ->
        [one] { $off } durante { $months } mes
       *[other] { $off } durante { $months } meses
    }
offers-forever = { $off } mientras siga con nosotros
offers-offer-unavailable = Esta oferta ya no está disponible para esta suscripción. No se ha cambiado nada.
offers-offer-applied = Listo: la oferta se ha aplicado a su plan.

## Sign-in with an email address

login-title = Inicie sesión para gestionar la facturación
login-intro = Introduzca la dirección de correo electrónico de su cuenta de { $tenant }. Le enviaremos por correo un enlace para iniciar sesión.
login-email-label = Correo electrónico
login-button = Enviarme un enlace de acceso
login-missing = Introduzca su dirección de correo electrónico.
login-invalid = Introduzca una dirección de correo como nombre@ejemplo.com.
login-sent-title = Revise su correo electrónico
login-sent-body = Si esta dirección pertenece a una cuenta, le hemos enviado un enlace de acceso. Puede tardar unos minutos en llegar.
login-sent-again = Usar otra dirección de correo
login-email-subject = Su enlace de acceso a { $tenant }
login-email-intro = Este es su enlace para gestionar la facturación con { $tenant }, uno por cada cuenta que usa esta dirección de correo:
login-email-account = Cuenta { $number }
login-email-plans = Paga por: { $plans }
login-email-no-plans = Ninguna suscripción activa
login-email-outro = Cada enlace funciona una sola vez y caduca en una hora. Si no ha solicitado iniciar sesión, puede ignorar este correo.
