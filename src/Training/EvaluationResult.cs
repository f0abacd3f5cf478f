namespace ModelZoo.Training;

/// <summary>Loss and top-1 accuracy over a dataset.</summary>
public sealed record EvaluationResult(double Loss, int Correct, int Count)
{
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
}
