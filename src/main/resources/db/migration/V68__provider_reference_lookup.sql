-- A payment provider's notification names the capture or refund it is about by the provider's reference: finding the
-- order's transaction by it (Adyen: "<payment>/<capture>" for a capture, the refund's own for a refund) is one index
-- lookup, not a scan of every order's transactions.
create index payment_transaction_reference_ix on payment_transaction (gateway_reference);
