
namespace ModelZoo.Training.Schedulers;

/// <summary>The momentum of a parameter group: SGD's and RMSprop's momentum, Adam's and AdamW's β₁; null when the
/// optimizer has none.</summary>
public static class OptimizerMomentum
{
    public static double? Get(optim.ILearningRateController group) => group switch
    {
        optim.IMomentum m => m.Momentum,
        optim.IBetas b => b.Betas.Item1,
        _ => null,
    };

    /// <summary>Sets the momentum (β₁ for Adam-style optimizers); false when the group has none.</summary>
    public static bool Set(optim.ILearningRateController group, double value)
    {
        switch (group)
        {
            case optim.IMomentum m:
                m.Momentum = value;
                return true;
            case optim.IBetas b:
                b.Betas = (value, b.Betas.Item2);
                return true;
            default:
                return false;
        }
    }
}
