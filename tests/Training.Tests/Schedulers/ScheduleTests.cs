using System.Text.Json.Nodes;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Precision;
using ModelZoo.Training.Schedulers;
using ModelZoo.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Schedulers;

/// <summary>
/// Schedules driven by the real trainer, recorded by <see cref="LearningRateMonitor"/>, against the rates real PyTorch
/// schedulers set (tests/fixtures/training/schedules.json, made by make_schedule_fixtures.py) and fastai's one-cycle formulas.
/// </summary>
public sealed class ScheduleTests
{
    private static readonly JsonNode s_fixture = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("training", "schedules.json")))!;

    private static double[] Fixture(string key) => s_fixture[key]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    /// <summary>10 epochs × 4 steps of LeNet-5 at base rate 0.1; the rate (and momentum) of every step or epoch.</summary>
    private static IReadOnlyList<LearningRateRecord> Run(LearningRateScheduler schedule, ScheduleInterval record, OptimizerKind optimizer = OptimizerKind.Sgd)
    {
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 });
        var monitor = new LearningRateMonitor(record);
        new Trainer(new TrainerOptions { Epochs = 10, LearningRate = 0.1, Device = "cpu", Optimizer = optimizer })
            .Add(schedule).Add(monitor).Fit(model, TinyData.Shapes(0, 64, batchSize: 16));
        return monitor.Records;
    }

    private static void Equal(double[] expected, IEnumerable<double> actual)
    {
        double[] a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(expected[i] - a[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"step {i}: expected {expected[i]:R}, got {a[i]:R}");
    }

    [Fact]
    public void Epoch_schedules_set_the_rates_of_pytorchs_step_multistep_and_exponential_schedulers()
    {
        Equal(Fixture("step_3_gamma_0.5"), Run(new StepSchedule(3, 0.5), ScheduleInterval.Epoch).Select(r => r.LearningRates[0]));
        Equal(Fixture("multistep_4_7_gamma_0.1"), Run(new MultiStepSchedule(new[] { 4, 7 }), ScheduleInterval.Epoch).Select(r => r.LearningRates[0]));
        Equal(Fixture("exponential_0.8"), Run(new ExponentialSchedule(0.8), ScheduleInterval.Epoch).Select(r => r.LearningRates[0]));
    }

    [Fact]
    public void Cosine_per_step_equals_pytorchs_cosine_annealing_and_warm_up_rises_linearly_first()
    {
        IReadOnlyList<LearningRateRecord> cosine = Run(new CosineSchedule(minFactor: 0.01), ScheduleInterval.Step);
        Equal(Fixture("cosine_T40_min_0.01"), cosine.Select(r => r.LearningRates[0]));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), cosine.Select(r => r.GlobalStep));

        // One epoch (4 steps) of warm-up: 0.1·(t + 1)/5, then the cosine over the remaining 36 steps.
        double[] expected = Enumerable.Range(0, 40).Select(t => t < 4 ? 0.1 * (t + 1) / 5.0 : 0.1 * (1 + Math.Cos(Math.PI * (t - 4) / 36)) / 2).ToArray();
        Equal(expected, Run(new CosineSchedule(warmupEpochs: 1), ScheduleInterval.Step).Select(r => r.LearningRates[0]));
    }

    [Fact]
    public void One_cycle_follows_fastais_rate_and_momentum_curves_for_sgd_and_adams_beta1()
    {
        IReadOnlyList<LearningRateRecord> sgd = Run(new OneCycleSchedule(), ScheduleInterval.Step);
        Equal(Fixture("onecycle_fastai_40_lr"), sgd.Select(r => r.LearningRates[0]));
        Equal(Fixture("onecycle_fastai_40_momentum"), sgd.Select(r => r.Momenta[0]!.Value));
        IReadOnlyList<LearningRateRecord> adam = Run(new OneCycleSchedule(), ScheduleInterval.Step, OptimizerKind.Adam);
        Equal(Fixture("onecycle_fastai_40_momentum"), adam.Select(r => r.Momenta[0]!.Value));   // β₁
        Assert.Equal(0.1 / 25, sgd[0].LearningRates[0], 15);
        Assert.Equal(0.1, sgd.Max(r => r.LearningRates[0]), 3);
    }

    [Fact]
    public void Reduce_on_plateau_matches_pytorch_and_its_state_round_trips()
    {
        double[] metrics = Fixture("plateau_metrics");
        (ReduceOnPlateau plateau, TrainerContext context) = Plateau();
        var rates = new List<double>();
        JsonNode? halfway = null;
        for (int i = 0; i < metrics.Length; i++)
        {
            rates.Add(context.Optimizer.ParamGroups.First().LearningRate);
            plateau.OnEpochEnd(context, new EpochMetrics(i + 1, 1, 0.5, metrics[i], 0.5, TimeSpan.Zero, 10));
            if (i == 7) halfway = plateau.SaveState();
        }
        Equal(Fixture("plateau_patience_2_factor_0.5_cooldown_1"), rates);

        (ReduceOnPlateau resumed, TrainerContext again) = Plateau();
        resumed.LoadState(JsonNode.Parse(halfway!.ToJsonString()));
        resumed.OnFitStart(again);
        Assert.Equal(rates[8], again.Optimizer.ParamGroups.First().LearningRate, 15);
        Assert.Equal(rates[8..], Enumerable.Range(8, metrics.Length - 8).Select(i =>
        {
            double lr = again.Optimizer.ParamGroups.First().LearningRate;
            resumed.OnEpochEnd(again, new EpochMetrics(i + 1, 1, 0.5, metrics[i], 0.5, TimeSpan.Zero, 10));
            return lr;
        }).ToArray());
    }

    private static (ReduceOnPlateau, TrainerContext) Plateau()
    {
        var plateau = new ReduceOnPlateau("eval_loss", factor: 0.5, patience: 2, cooldown: 1);
        var parameter = new TorchSharp.Modules.Parameter(torch.zeros(1));
        optim.Optimizer sgd = optim.SGD(new[] { parameter }, 0.1, momentum: 0.9);
        var options = new TrainerOptions { Epochs = 20, LearningRate = 0.1 };
        var context = new TrainerContext(Zoo.Create("lenet5", new ModelOptions()), sgd, options, CPU, new Fp32Precision(), new ITrainerCallback[] { plateau }, 4);
        plateau.OnFitStart(context);
        return (plateau, context);
    }

    [Theory]
    [InlineData("warp", "Unknown schedule 'warp'")]
    [InlineData("step:0", "step[:EPOCHS[:GAMMA]]")]
    [InlineData("cosine:1.5", "cosine[:MIN_FACTOR]")]
    [InlineData("onecycle:0.3:2", "too many arguments")]
    [InlineData("multistep:a,b", "multistep[:E1,E2,...[:GAMMA]]")]
    public void Bad_schedule_specs_name_the_expected_form(string spec, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Schedules.Create(spec));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Specs_build_the_named_schedules()
    {
        Assert.Null(Schedules.Create("none"));
        Assert.IsType<ConstantSchedule>(Schedules.Create("none", 1));
        Assert.Equal(5, Assert.IsType<StepSchedule>(Schedules.Create("step:5:0.5")).StepSize);
        Assert.Equal(new[] { 3, 6 }, Assert.IsType<MultiStepSchedule>(Schedules.Create("multistep:6,3")).Milestones);
        Assert.Equal(0.3, Assert.IsType<OneCycleSchedule>(Schedules.Create("onecycle:0.3")).PctStart);
        Assert.Equal(2, Assert.IsType<CosineSchedule>(Schedules.Create("cosine", 2)).WarmupEpochs);
        Assert.Equal(4, Assert.IsType<ReduceOnPlateau>(Schedules.Create("plateau:4")).Patience);
    }
}
