# Português do Brasil.
# Tratamento: «você», em todo o texto; tom cordial e direto.

## O idioma

language-name = Português (Brasil)
language-switcher-label = Idioma
language-switcher-button = Mudar idioma

## Moldura

skip-to-content = Pular para o conteúdo
portal-title = Faturamento
nav-label = Faturamento
nav-overview = Visão geral
nav-invoices = Faturas
nav-billing-details = Dados de faturamento
return-to = Voltar para { $tenant }
contact-support = Falar com o suporte
signed-in-as = Conectado como { $customer }

## Página inicial, link expirado, novo link

landing-title = Abra sua página de faturamento
landing-body = Para sua segurança, clique em “Continuar” para abrir sua página de faturamento.
landing-button = Continuar
gone-title = Este link não é mais válido
gone-body = Os links para a página de faturamento funcionam uma única vez e expiram depois de pouco tempo. Podemos enviar um novo por e-mail.
gone-email-button = Enviar um novo link por e-mail
back-to = Voltar para { $tenant }
relink-sent-title = Confira seu e-mail
relink-sent-body = Se tivermos um endereço de e-mail para esta conta, um novo link está a caminho. Ele pode levar alguns minutos para chegar.

## E-mails

email-greeting = Olá,
relink-email-subject = Seu link de faturamento da { $tenant }
relink-email-intro = Aqui está seu novo link para gerenciar o faturamento com a { $tenant }:
relink-email-outro = Ele funciona uma única vez e expira em breve. Se você não o solicitou, pode ignorar este e-mail.
email-changed-subject = O e-mail de faturamento da sua conta { $tenant } foi alterado
email-changed-body = O e-mail de faturamento da sua conta { $tenant } acabou de ser alterado para { $address }. Faturas e recibos serão enviados para lá a partir de agora.
email-changed-warning = Se não foi você quem fez essa alteração, entre em contato com { $tenant } imediatamente.
mail-cancel-scheduled-subject = Seu plano { $plan } da { $tenant } será cancelado
mail-cancel-scheduled-ends = Seu plano { $plan } será cancelado em { $date }.
mail-cancel-scheduled-keep = Você mantém o { $plan } até lá; não haverá novas cobranças.
mail-cancel-scheduled-renew = Mudou de ideia? Você pode renovar com um clique antes dessa data.
mail-cancel-ended-subject = Seu plano { $plan } da { $tenant } foi encerrado
mail-cancel-ended-body = Seu plano { $plan } foi encerrado em { $date }. Não haverá novas cobranças.
mail-cancel-ended-welcome = Você pode voltar quando quiser.
mail-cancel-undone-subject = Seu plano { $plan } da { $tenant } vai continuar
mail-cancel-undone-body = Seu plano { $plan } não está mais programado para ser cancelado. Ele será renovado normalmente.
mail-paused-subject = Seu plano { $plan } da { $tenant } está pausado
mail-paused-until = Seu plano { $plan } está pausado até { $date }. Não haverá cobranças durante a pausa.
mail-paused = Seu plano { $plan } está pausado. Não haverá cobranças durante a pausa.
mail-resumed-subject = Seu plano { $plan } da { $tenant } foi retomado
mail-resumed-body = Seu plano { $plan } foi retomado e será cobrado normalmente.
mail-portal-link-intro = Gerencie seu faturamento com a { $tenant } aqui:
mail-portal-link-text = Abrir o portal de faturamento
mail-link-expired-hint = Se o link tiver expirado, abra-o mesmo assim e escolha “Enviar um novo link por e-mail”.

## Cancelamento

cancel-plan = Cancelar plano
cancel-title = Cancelar { $plan }
cancel-ends-on = Seu plano termina em { $date }; você mantém o { $plan } até lá. Não haverá novas cobranças.
cancel-ends-now = Termina agora: o { $plan } para imediatamente e não haverá novas cobranças.
cancel-confirm = Confirmar cancelamento
reason-legend = Por que você está cancelando? (opcional)
reason-label =
    { $reason ->
        [too_expensive] É caro demais
        [missing_features] Faltam alguns recursos
        [switched_service] Mudei para outro serviço
        [unused] Não uso o suficiente
        [customer_service] O atendimento ficou abaixo do esperado
        [too_complex] É complicado demais
        [low_quality] A qualidade ficou abaixo do esperado
       *[other] Outro motivo
    }
comment-label = Quer nos contar mais alguma coisa? (opcional)
pause-heading = Prefere dar uma pausa?
pause-until-label = Retomar em
pause-option =
    { $days ->
        [one] Em { $days } dia ({ $date })
       *[other] Em { $days } dias ({ $date })
    }
pause-button = Pausar em vez disso
renew-button = Renovar
resume-button = Retomar
keep-plan = Manter meu plano
action-failed = Não deu certo, e nada foi alterado. Tente novamente.
action-maybe-changed = Não deu certo, e parte da alteração pode ter sido salva. Confira o que aparece abaixo antes de tentar novamente.

## Assinaturas

subscriptions-heading = Assinaturas
no-subscriptions = Você não tem assinaturas ativas.
subscription-status =
    { $status ->
        [trialing] Em teste
        [active] Ativa
        [past_due] Em atraso
        [paused] Pausada
        [unpaid] Não paga
        [incomplete] Incompleta
        [incomplete_expired] Expirada
        [canceled] Cancelada
       *[other] Desconhecido
    }
cancels-on = Será cancelada em { $date }
trial-ends-on = O período de teste termina em { $date }
paused-until = Pausada até { $date }
price-per =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } por dia
                [week] { $amount } por semana
                [month] { $amount } por mês
                [year] { $amount } por ano
               *[other] { $amount } por período
            }
       *[other]
            { $interval ->
                [day] { $amount } a cada { $count } dias
                [week] { $amount } a cada { $count } semanas
                [month] { $amount } a cada { $count } meses
                [year] { $amount } a cada { $count } anos
               *[other] { $amount } a cada { $count } períodos
            }
    }
price-metered =
    { $count ->
        [one]
            { $interval ->
                [day] { $amount } por unidade usada, cobrado diariamente
                [week] { $amount } por unidade usada, cobrado semanalmente
                [month] { $amount } por unidade usada, cobrado mensalmente
                [year] { $amount } por unidade usada, cobrado anualmente
               *[other] { $amount } por unidade usada, cobrado por período
            }
       *[other]
            { $interval ->
                [day] { $amount } por unidade usada, cobrado a cada { $count } dias
                [week] { $amount } por unidade usada, cobrado a cada { $count } semanas
                [month] { $amount } por unidade usada, cobrado a cada { $count } meses
                [year] { $amount } por unidade usada, cobrado a cada { $count } anos
               *[other] { $amount } por unidade usada, cobrado a cada { $count } períodos
            }
    }
price-tiered = Preço por faixas
quantity = × { $quantity }
unnamed-plan = Plano
items-label = Itens do plano

## Forma de pagamento

payment-method-heading = Forma de pagamento
card-ending = { $brand } com final { $last4 }
card-expires = Validade { $month }/{ $year }
no-payment-method = Nenhuma forma de pagamento cadastrada.
update-card = Atualizar cartão
add-card = Adicionar um cartão
update-card-intro = Você vai informar o novo cartão em uma página de pagamento segura e voltar direto para cá. Ele passa a ser usado em todas as suas assinaturas.
card-updated = Seu cartão foi atualizado. Agora ele é usado em todas as suas assinaturas.
card-not-updated = Seu cartão não foi alterado. Se você concluiu na página de pagamento, pode levar um momento para aparecer aqui.
past-due-notice = O último pagamento deste plano falhou, por isso ele está em atraso. Pague a fatura em aberto ou atualize seu cartão.
pay-open-invoice = Pagar a fatura em aberto
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
       *[other] Cartão
    }

## Faturas

invoices-heading = Faturas
latest-invoices-heading = Faturas recentes
view-all-invoices = Ver todas as faturas
col-date = Data
col-number = Número
col-amount = Valor
col-status = Situação
col-actions = Documentos
invoice-status =
    { $status ->
        [open] Em aberto
        [paid] Paga
        [void] Anulada
        [uncollectible] Incobrável
        [draft] Rascunho
       *[other] Desconhecida
    }
download-pdf = Baixar PDF
view-invoice = Ver fatura
pay-now = Pagar agora
for-invoice = {" "}da fatura { $number }
no-invoices = Você ainda não tem faturas.
older-invoices = Faturas anteriores
newest-invoices = Faturas mais recentes
pagination-label = Páginas de faturas

## Dados de faturamento

billing-details-intro = Estes dados aparecem nas suas faturas e recibos.
billing-field-label =
    { $field ->
        [email] E-mail
        [name] Nome
        [line1] Endereço
        [line2] Complemento (opcional)
        [city] Cidade
        [state] Estado ou região (opcional)
        [postal_code] CEP
        [country] Código do país
        [tax_type] Tipo
       *[tax_value] Número
    }
billing-field-hint =
    { $field ->
        [email] Faturas e recibos são enviados para este endereço.
        [country] Duas letras, como BR, PT ou US.
       *[other] {""}
    }
address-legend = Endereço de cobrança
tax-id-legend = Identificação fiscal (opcional)
tax-type-none = Sem identificação fiscal
tax-type-label =
    { $kind ->
        [eu_vat] Número de IVA da UE
        [gb_vat] Número de IVA do Reino Unido
        [us_ein] EIN dos EUA
        [ca_bn] BN do Canadá
        [ca_gst_hst] Número de GST/HST do Canadá
        [au_abn] ABN da Austrália
        [nz_gst] Número de GST da Nova Zelândia
        [ch_vat] Número de IVA da Suíça
        [no_vat] Número de IVA da Noruega
        [in_gst] Número de GST da Índia
        [jp_cn] Número corporativo do Japão
        [br_cnpj] CNPJ
        [mx_rfc] RFC do México
        [za_vat] Número de IVA da África do Sul
       *[other] Identificação fiscal
    }
save-button = Salvar
billing-saved = Salvo. Seus dados de faturamento estão atualizados.
form-problems-heading = Corrija os campos indicados abaixo
billing-problem =
    { $problem ->
        [required]
            { $field ->
                [email] Informe seu endereço de e-mail.
                [line1] Informe a primeira linha do endereço.
                [city] Informe a cidade.
                [postal_code] Informe o CEP.
                [country] Informe o código do país com duas letras.
                [tax_value] Informe o número de identificação fiscal ou escolha “Sem identificação fiscal”.
               *[other] Este campo é obrigatório.
            }
        [too_long] Está longo demais: use no máximo 200 caracteres.
        [invalid_email] Informe um endereço de e-mail como nome@example.com.
        [invalid_country] Informe um código de país com duas letras, como BR, PT ou US.
        [invalid_postal_code] Informe o código postal no formato usado neste país.
        [invalid_tax_type] Escolha um tipo de identificação fiscal na lista.
        [invalid_tax_id] Informe o número no formato do tipo escolhido.
       *[refused] Este valor não foi aceito. Confira e tente novamente.
    }

## Erros

section-unavailable = Não foi possível carregar isto agora. Tente novamente daqui a pouco.
not-found-title = Página não encontrada
not-found-body = Não há nada neste endereço.
error-title = Algo deu errado
error-body = Não foi possível exibir esta página. Tente novamente daqui a pouco.
forbidden-title = Esta solicitação foi recusada
forbidden-body = O formulário expirou. Volte, recarregue a página e tente novamente.
method-title = Esta ação não está disponível
session-ended-title = Sua sessão de faturamento terminou
session-ended-body = Para sua segurança, as sessões de faturamento terminam após um período de inatividade. Volte ao aplicativo e abra o faturamento novamente.
rate-limited-title = Solicitações demais
rate-limited-body = Esta sessão de faturamento fez muitas solicitações em pouco tempo. Aguarde um minuto e recarregue a página.

## Mudança de plano

plan-change-plan = Mudar de plano
plan-title = Mudar { $plan }
plan-intro = Escolha um plano para ver quanto custa antes de qualquer mudança.
plan-item-legend = Qual parte da sua assinatura?
plan-current = (plano atual)
plan-quantity-label = Quantidade (de { $min } a { $max })
plan-preview-button = Ver o que muda
plan-no-prices = Não há outros planos disponíveis para esta assinatura.
plan-preview-heading = O que muda
plan-from-to = De { $from } para { $to }
plan-due-now = Cobrado hoje: { $amount }
plan-nothing-now = Nada será cobrado hoje.
plan-proration-charge = Inclui { $amount } pelo restante do período atual (proporcional).
plan-proration-credit = Inclui um crédito de { $amount } pela parte não usada do período atual.
plan-next-invoice = Próxima fatura em { $date }: { $amount }
plan-then-each-renewal = Depois, { $amount } a cada renovação.
plan-applies-at = Seu plano muda para { $plan } em { $date }; você mantém o plano atual até lá.
plan-applies-now = A mudança vale assim que você confirmar.
plan-confirm-button = Confirmar mudança
plan-changes-on = Muda para { $plan } em { $date }
plan-switch-heading = Prefere um plano menor?
plan-switch-instead = Mudar para { $plan } em vez disso
plan-refused-price = Esse plano não está disponível para esta assinatura. Nada foi alterado.
plan-refused-item = Esse item não faz parte desta assinatura. Nada foi alterado.
plan-refused-choose-item = Escolha qual parte da sua assinatura você quer mudar.
plan-refused-quantity = Escolha uma quantidade de { $min } a { $max }. Nada foi alterado.
plan-refused-quantity-fixed = A quantidade não pode ser alterada aqui. Nada foi alterado.
plan-refused-duplicate = Esse plano já faz parte da sua assinatura. Nada foi alterado.
plan-refused-state = O plano desta assinatura não pode ser mudado agora. Nada foi alterado.
plan-refused-same = Esse é o seu plano atual. Escolha outro para ver o que muda.
plan-preview-unavailable = Não foi possível calcular o custo desta mudança agora. Nada foi alterado; tente novamente daqui a pouco.

## Cobranças: próximas faturas, itens, descontos e impostos

charges-next-invoice-on = Próxima fatura em { $date }: { $amount }
charges-next-invoice = Próxima fatura: { $amount }
charges-next-invoice-unavailable = Próxima fatura: o valor não está disponível agora.
charges-separator = {" · "}
charges-percent-off = { $percent } de desconto
charges-amount-off = { $amount } de desconto
charges-named-discount = { $name }: { $terms }
charges-discount-until = { $terms }, até { $date }
charges-discount-once = { $terms }, somente nesta fatura
charges-discount = Desconto
charges-tax-added = { $tax }: { $amount }
charges-tax-included = { $tax } incluído: { $amount }
charges-includes-tax = { $tax } incluído
charges-tax-rate = { $name } { $percent }
charges-tax = Imposto
charges-next-invoice-heading = Próxima fatura
charges-next-invoice-title = Próxima fatura de { $plan }
charges-invoice-date = Data da fatura: { $date }
charges-next-invoice-failed = Não foi possível calcular sua próxima fatura agora, por isso nenhum valor é exibido. Nada mudou; tente novamente daqui a pouco.
charges-no-next-invoice = Do jeito que está, esta assinatura não será mais faturada.
charges-paid-with-card = O valor será cobrado no seu { $card }.
charges-paid-by-email = Enviaremos uma fatura para pagamento por e-mail.
charges-paid-without-card = Nenhum cartão cadastrado: adicione um antes dessa data para que a fatura possa ser paga.
charges-usage-heading = Uso neste período
charges-usage-so-far = { $plan }: { $quantity } até agora, desde { $since }
charges-usage-estimate = Estimativa até agora: { $amount }
charges-usage-unavailable = { $plan }: o uso até agora não está disponível no momento.
charges-more-lines = Apenas os primeiros itens são listados; os totais incluem todos.
charges-back-to-overview = Voltar para a visão geral
charges-lines-caption = Itens da fatura
charges-col-description = Descrição
charges-col-quantity = Quantidade
charges-col-unit-price = Preço unitário
charges-period = { $start } – { $end }
charges-proration = Ajuste proporcional
charges-subtotal = Subtotal
charges-total = Total
charges-total-excluding-tax = Total sem impostos
charges-amount-paid = Valor pago
charges-amount-remaining = Valor restante
charges-invoice-title = Fatura { $number }
charges-invoice-untitled = Fatura
charges-issued-on = Emitida em { $date }
charges-paid-on = Paga em { $date }
charges-due-on = Vence em { $date }
charges-invoice-details = Detalhes
charges-back-to-invoices = Todas as faturas
charges-cancel-not-charged = Você não será cobrado pela próxima fatura de { $amount }, prevista para { $date }.
charges-cancel-not-charged-unavailable = Você não será cobrado pela próxima fatura.

## Ofertas ao lado de "Cancelar mesmo assim", motivos próprios

offers-continue-button = Continuar
offers-you-said = Você nos disse: { $reason }.
offers-change-reason = Mudar minha resposta
offers-offer-heading = Antes de você ir
offers-still-cancel-heading = Ainda quer cancelar?
offers-cancel-anyway = Cancelar mesmo assim
offers-coupon-body = Fique e ganhe { $terms }.
offers-coupon-button = Aplicar o desconto
offers-pause-body = Faça uma pausa: você não será cobrado enquanto o plano estiver pausado.
offers-pause-button = Pausar em vez disso
offers-downgrade-body = Continue pagando menos com { $plan }.
offers-downgrade-button = Mudar para { $plan }
offers-support-body = Conte para nós o que deu errado; talvez possamos resolver.
offers-support-button = Fale conosco
offers-for-months =
    { $months ->
        [one] { $off } por { $months } mês
       *[other] { $off } por { $months } meses
    }
offers-forever = { $off } enquanto você ficar
offers-offer-unavailable = Esta oferta não está mais disponível para esta assinatura. Nada foi alterado.
offers-offer-applied = Pronto: a oferta foi aplicada ao seu plano.

## Sign-in with an email address

login-title = Entre para gerenciar o faturamento
login-intro = Informe o endereço de e-mail da sua conta na { $tenant }. Enviaremos por e-mail um link para você entrar.
login-email-label = Endereço de e-mail
login-button = Enviar um link de acesso por e-mail
login-missing = Informe seu endereço de e-mail.
login-invalid = Informe um endereço de e-mail como nome@exemplo.com.
login-sent-title = Verifique seu e-mail
login-sent-body = Se este endereço pertencer a uma conta, um link de acesso está a caminho. Ele pode levar alguns minutos para chegar.
login-sent-again = Usar outro endereço de e-mail
login-email-subject = Seu link de acesso à { $tenant }
login-email-intro = Aqui está um link para gerenciar seu faturamento com a { $tenant }, um para cada conta que usa este endereço de e-mail:
login-email-account = Conta { $number }
login-email-plans = Paga por: { $plans }
login-email-no-plans = Nenhuma assinatura ativa
login-email-outro = Cada link funciona uma única vez e expira em uma hora. Se você não pediu para entrar, pode ignorar este e-mail.
