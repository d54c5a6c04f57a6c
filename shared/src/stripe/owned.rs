//! The ownership invariant: a Stripe object read by id is shown or changed only after it
//! is proven to belong to the session's customer.
//!
//! [`Owned<T>`] can only be made inside `shared::stripe`, by the reads that take the
//! signed-in customer and compare it with the object's own `customer`; every write to a
//! subscription takes an `&Owned<Subscription>`. A handler therefore cannot show or change
//! another customer's object by passing an id from a URL or a form.

use std::ops::Deref;

use crate::ids::CustomerId;

/// Objects that name the customer they belong to.
pub trait CustomerOwned {
    /// The owning customer's id, if the object has one.
    fn owner(&self) -> Option<&str>;
}

/// A Stripe object that belongs to `customer` (checked when it was read).
#[derive(Debug, Clone)]
pub struct Owned<T> {
    inner: T,
    customer: CustomerId,
}

impl<T: CustomerOwned> Owned<T> {
    /// `object`, if it belongs to `customer`. Crate-private: only the typed reads decide.
    pub(crate) fn check(object: T, customer: &CustomerId) -> Option<Owned<T>> {
        (object.owner() == Some(customer.as_str())).then(|| Owned {
            inner: object,
            customer: customer.clone(),
        })
    }
}

impl<T> Owned<T> {
    /// The customer it belongs to.
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }

    /// The object itself (no longer marked as checked).
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// Mutable access for `shared::stripe`'s own enrichments (naming products); the
    /// owner cannot change.
    pub(crate) fn inner_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

impl<T> Deref for Owned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing(Option<&'static str>);
    impl CustomerOwned for Thing {
        fn owner(&self) -> Option<&str> {
            self.0
        }
    }

    #[test]
    fn only_the_named_customers_objects_pass() {
        let ada = CustomerId::parse("cus_ada").unwrap();
        assert!(Owned::check(Thing(Some("cus_ada")), &ada).is_some());
        assert!(Owned::check(Thing(Some("cus_bob")), &ada).is_none());
        assert!(Owned::check(Thing(None), &ada).is_none());
    }
}
