namespace CrossBorder.Engine.Settlements;

/// <summary>The settlement report formats the engine reads.</summary>
public enum SettlementFormat
{
    /// <summary>Our canonical CSV (<c>order_id,component,currency,amount[,date,market,category,ref]</c>).</summary>
    Canonical,

    /// <summary>Amazon settlement flat file V2 (tab-separated, one amount per row).</summary>
    AmazonV2,

    /// <summary>Amazon settlement flat file (V1, tab-separated, several typed amounts per row).</summary>
    AmazonV1,

    /// <summary>Stripe balance-change / payout reconciliation itemized report.</summary>
    Stripe,

    /// <summary>PayPal settlement report (STL, record types RH … FF).</summary>
    PayPalStl,

    /// <summary>PayPal Activity / Statement download (localised headers and numbers).</summary>
    PayPalActivity,

    /// <summary>Adyen Settlement Details Report.</summary>
    AdyenSdr,

    /// <summary>Shopify Payments payout transactions export.</summary>
    Shopify,

    /// <summary>eBay transaction report.</summary>
    Ebay,

    /// <summary>Braintree transaction-level fee report (one disbursement date's transactions with their fees).</summary>
    Braintree,
}
