//! What the customer is charged: the overview's next-invoice line, the next-invoice and
//! invoice pages, and the cancel page's "you won't be charged" (a part of each language's
//! catalogue).

/// Every string about charges: next invoices, itemised invoices, discounts and taxes.
#[derive(Debug)]
pub struct ChargesText {
    /// Overview: the next invoice (date, total), linking to its page.
    pub next_invoice_on: fn(&str, &str) -> String,
    /// Overview: the next invoice where Stripe gave no date (total).
    pub next_invoice: fn(&str) -> String,
    /// Overview: the preview failed; no amount, never a guess.
    pub next_invoice_unavailable: &'static str,
    /// Between the discount and the tax in one line.
    pub separator: &'static str,
    /// A percentage discount ("20% off").
    pub percent_off: fn(&str) -> String,
    /// An amount discount ("$5.00 off").
    pub amount_off: fn(&str) -> String,
    /// A discount with its coupon's name (name, terms).
    pub named_discount: fn(&str, &str) -> String,
    /// A discount that ends (terms, date).
    pub discount_until: fn(&str, &str) -> String,
    /// A discount for one invoice only (terms).
    pub discount_once: fn(&str) -> String,
    /// A discount whose terms Stripe did not say.
    pub discount: &'static str,
    /// A tax added to the total (name with rate, amount).
    pub tax_added: fn(&str, &str) -> String,
    /// A tax the prices already include (name with rate, amount).
    pub tax_included: fn(&str, &str) -> String,
    /// Row label of a tax the prices already include (name with rate).
    pub includes_tax: fn(&str) -> String,
    /// A tax's name with its rate (name, percentage).
    pub tax_rate: fn(&str, &str) -> String,
    /// A tax with no name.
    pub tax: &'static str,

    /// Next-invoice page title where the plan is unknown.
    pub next_invoice_heading: &'static str,
    /// Next-invoice page title (plan).
    pub next_invoice_title: fn(&str) -> String,
    /// Next-invoice page: when it comes (date).
    pub invoice_date: fn(&str) -> String,
    /// Next-invoice page: the preview failed.
    pub next_invoice_failed: &'static str,
    /// Next-invoice page: a subscription that will not be invoiced again as it stands.
    pub no_next_invoice: &'static str,
    /// How it is paid: charged to the card (card text).
    pub paid_with_card: fn(&str) -> String,
    /// How it is paid: emailed to the customer to pay (`send_invoice`).
    pub paid_by_email: &'static str,
    /// How it is paid: charged automatically but no card is on file.
    pub paid_without_card: &'static str,
    /// Heading of the usage section.
    pub usage_heading: &'static str,
    /// Usage so far of a metered plan (plan, quantity, since date).
    pub usage_so_far: fn(&str, &str, &str) -> String,
    /// The estimate so far of a metered plan (amount).
    pub usage_estimate: fn(&str) -> String,
    /// The meter could not be read.
    pub usage_unavailable: fn(&str) -> String,
    /// The preview lists more lines than shown.
    pub more_lines: &'static str,
    /// Link back to the overview.
    pub back_to_overview: &'static str,

    /// Caption of an itemised invoice.
    pub lines_caption: &'static str,
    /// Column: what a line is.
    pub col_description: &'static str,
    /// Column: quantity.
    pub col_quantity: &'static str,
    /// Column: unit price.
    pub col_unit_price: &'static str,
    /// A line's service period (start, end).
    pub period: fn(&str, &str) -> String,
    /// Marks a proration line.
    pub proration: &'static str,
    /// Row: subtotal.
    pub subtotal: &'static str,
    /// Row: total.
    pub total: &'static str,
    /// Row: total without tax.
    pub total_excluding_tax: &'static str,
    /// Row: amount paid.
    pub amount_paid: &'static str,
    /// Row: amount still to pay.
    pub amount_remaining: &'static str,

    /// Invoice page title (number).
    pub invoice_title: fn(&str) -> String,
    /// Invoice page title without a number.
    pub invoice_untitled: &'static str,
    /// Invoice page: issued on (date).
    pub issued_on: fn(&str) -> String,
    /// Invoice page: paid on (date).
    pub paid_on: fn(&str) -> String,
    /// Invoice page: due on (date).
    pub due_on: fn(&str) -> String,
    /// Invoices list: the link to an invoice's page (hidden suffix names it).
    pub invoice_details: &'static str,
    /// Link from an invoice page to the list.
    pub back_to_invoices: &'static str,

    /// Cancel page: what the customer will not be charged (amount, date).
    pub cancel_not_charged: fn(&str, &str) -> String,
    /// Cancel page: the same, where the preview failed (no amount).
    pub cancel_not_charged_unavailable: &'static str,
}

/// English.
pub static EN: ChargesText = ChargesText {
    next_invoice_on: |date, amount| format!("Next invoice on {date}: {amount}"),
    next_invoice: |amount| format!("Next invoice: {amount}"),
    next_invoice_unavailable: "Next invoice: the amount is unavailable right now.",
    separator: " · ",
    percent_off: |pct| format!("{pct} off"),
    amount_off: |amount| format!("{amount} off"),
    named_discount: |name, terms| format!("{name}: {terms}"),
    discount_until: |terms, date| format!("{terms}, until {date}"),
    discount_once: |terms| format!("{terms}, on this invoice only"),
    discount: "Discount",
    tax_added: |tax, amount| format!("{tax}: {amount}"),
    tax_included: |tax, amount| format!("Includes {tax}: {amount}"),
    includes_tax: |tax| format!("Includes {tax}"),
    tax_rate: |name, pct| format!("{name} {pct}"),
    tax: "Tax",

    next_invoice_heading: "Next invoice",
    next_invoice_title: |plan| format!("Next invoice for {plan}"),
    invoice_date: |date| format!("Invoice date: {date}"),
    next_invoice_failed: "We couldn't work out your next invoice right now, so no amount is \
                          shown. Nothing has changed; please try again in a moment.",
    no_next_invoice: "This subscription will not be invoiced again as it stands.",
    paid_with_card: |card| format!("It will be charged to your {card}."),
    paid_by_email: "We will email you an invoice to pay.",
    paid_without_card: "No card is on file: add one before then so the invoice can be paid.",
    usage_heading: "Usage this period",
    usage_so_far: |plan, quantity, since| format!("{plan}: {quantity} so far since {since}"),
    usage_estimate: |amount| format!("Estimate so far: {amount}"),
    usage_unavailable: |plan| format!("{plan}: usage so far is unavailable right now."),
    more_lines: "Only the first lines are listed; the totals include every line.",
    back_to_overview: "Back to the overview",

    lines_caption: "What the invoice charges",
    col_description: "Description",
    col_quantity: "Quantity",
    col_unit_price: "Unit price",
    period: |start, end| format!("{start} – {end}"),
    proration: "Prorated adjustment",
    subtotal: "Subtotal",
    total: "Total",
    total_excluding_tax: "Total before tax",
    amount_paid: "Amount paid",
    amount_remaining: "Amount remaining",

    invoice_title: |number| format!("Invoice {number}"),
    invoice_untitled: "Invoice",
    issued_on: |date| format!("Issued on {date}"),
    paid_on: |date| format!("Paid on {date}"),
    due_on: |date| format!("Due on {date}"),
    invoice_details: "Details",
    back_to_invoices: "All invoices",

    cancel_not_charged: |amount, date| {
        format!("You won't be charged your next invoice of {amount}, due on {date}.")
    },
    cancel_not_charged_unavailable: "You won't be charged your next invoice.",
};
