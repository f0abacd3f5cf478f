using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

public sealed class CoreTransformTests
{
    private static readonly Random Rng = new(0);

    private static ImageBuffer Row(params byte[] values) => new(values.Length, 1, 1, values);

    [Theory]
    [InlineData(PaddingMode.Constant, new byte[] { 0, 0, 1, 2, 3, 0, 0 })]
    [InlineData(PaddingMode.Edge, new byte[] { 1, 1, 1, 2, 3, 3, 3 })]
    [InlineData(PaddingMode.Reflect, new byte[] { 3, 2, 1, 2, 3, 2, 1 })]
    [InlineData(PaddingMode.Symmetric, new byte[] { 2, 1, 1, 2, 3, 3, 2 })]
    public void Pad_modes_follow_torchvision(PaddingMode mode, byte[] expected)
    {
        ImageBuffer padded = new Pad(new[] { 2, 0 }, 0, mode).Apply(Row(1, 2, 3), Rng);
        Assert.Equal(expected, padded.Pixels);
    }

    [Fact]
    public void Pad_with_four_values_and_fill_grows_each_side()
    {
        var img = new ImageBuffer(2, 2, 3, Enumerable.Repeat((byte)9, 12).ToArray());
        ImageBuffer p = new Pad(new[] { 1, 2, 3, 4 }, fill: 7).Apply(img, Rng);
        Assert.Equal((6, 8), (p.Width, p.Height));
        Assert.Equal(7, p[0, 0, 2]);
        Assert.Equal(9, p[2, 1, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pad(-1));
        Assert.Throws<ArgumentException>(() => new Pad(new[] { 1, 2, 3 }));
    }

    [Fact]
    public void ToTensor_gives_chw_scaled_to_unit_range()
    {
        var img = new ImageBuffer(2, 1, 3, new byte[] { 0, 51, 102, 153, 204, 255 });
        using Tensor t = new ToTensor().Apply(img, Rng);
        Assert.Equal(new long[] { 3, 1, 2 }, t.shape);
        Assert.Equal(new[] { 0f, 0.6f, 0.2f, 0.8f, 0.4f, 1f }, t.data<float>().ToArray().Select(v => MathF.Round(v, 4)));
        using Tensor u = ToTensor.ToByteTensor(img);
        Assert.Equal(new byte[] { 0, 153, 51, 204, 102, 255 }, u.data<byte>().ToArray());
    }

    [Fact]
    public void Normalize_subtracts_mean_and_divides_by_std_per_channel()
    {
        using Tensor x = torch.tensor(new[] { 0.5f, 1f, 0f, 0.25f }, new long[] { 2, 1, 2 });
        using Tensor y = new Normalize(new[] { 0.5, 0.25 }, new[] { 0.5, 0.25 }).Apply(x, Rng);
        Assert.Equal(new[] { 0f, 1f, -1f, 0f }, y.data<float>().ToArray());
        var ex = Assert.Throws<ArgumentException>(() => new Normalize(new[] { 0.5 }, new[] { 0.5 }).Apply(x, Rng));
        Assert.Contains("C = 1", ex.Message);
        Assert.Throws<ArgumentException>(() => new Normalize(new[] { 0.5 }, new[] { 0.0 }));
    }

    [Fact]
    public void Compose_checks_that_types_chain()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Compose(new ToTensor(), new Pad(1)));
        Assert.Contains("takes ImageBuffer", ex.Message);
        var ok = new Compose(new Pad(2), new ToTensor(), Normalize.Mnist());
        using Tensor t = ok.Apply<Tensor>(new ImageBuffer(28, 28, 1), Rng);
        Assert.Equal(new long[] { 1, 32, 32 }, t.shape);
    }
}
