namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>Calibration of one decile of customers ranked by predicted probability.</summary>
/// <param name="Decile">1 for the tenth with the lowest predictions … 10 for the highest.</param>
/// <param name="Count">Customers in the decile.</param>
/// <param name="MeanPredicted">Mean predicted churn probability.</param>
/// <param name="ObservedRate">Share that actually churned.</param>
public sealed record ReliabilityBin(int Decile, int Count, double MeanPredicted, double ObservedRate);
