using ModelZoo.Models.Summary;

namespace ModelZoo.Models.LeNets;

/// <summary>
/// A convolution where each output map sees only some input maps (LeNet-5's C3). Only the connected
/// kernels are parameters: <c>weight</c> holds one k×k kernel per (output, input) connection in table order,
/// so the trainable count is connections·k² + outputs.
/// </summary>
public sealed class PartialConv2d : nn.Module<Tensor, Tensor>, IMacCountable
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor scatter_index;   // buffer: flat index into [out, in] for each connection
    private readonly int _in, _out, _kernel;

    /// <param name="table">For each output map, the input maps it is connected to.</param>
    public PartialConv2d(int inChannels, IReadOnlyList<int[]> table, int kernelSize) : base(nameof(PartialConv2d))
    {
        _in = inChannels;
        _out = table.Count;
        _kernel = kernelSize;
        var flat = new List<long>();
        for (int o = 0; o < table.Count; o++)
        {
            foreach (int i in table[o])
            {
                if (i < 0 || i >= inChannels) throw new ArgumentOutOfRangeException(nameof(table), $"Input map {i} of output {o} is outside 0..{inChannels - 1}.");
                flat.Add((long)o * inChannels + i);
            }
        }
        double bound = 2.4 / 1.0;
        weight = new Parameter(torch.empty(flat.Count, kernelSize, kernelSize));
        bias = new Parameter(torch.zeros(_out));
        // Per-unit fan-in differs (3, 4 or 6 maps × k²); initialise each connection with ±2.4/fan_in of its unit.
        using (torch.no_grad())
        {
            int c = 0;
            for (int o = 0; o < table.Count; o++)
            {
                double b = bound / (table[o].Length * kernelSize * kernelSize);
                for (int j = 0; j < table[o].Length; j++, c++) weight[c].uniform_(-b, b);
            }
        }
        scatter_index = torch.tensor(flat.ToArray(), ScalarType.Int64);
        RegisterComponents();
    }

    /// <summary>The dense [out, in, k, k] kernel with zeros where maps are not connected.</summary>
    public Tensor DenseWeight()
    {
        using Tensor zeros = torch.zeros(new long[] { (long)_out * _in, _kernel, _kernel }, dtype: weight.dtype, device: weight.device);
        using Tensor filled = zeros.index_add(0, scatter_index, weight, 1.0);
        return filled.view(_out, _in, _kernel, _kernel);
    }

    /// <summary>Only connected kernels multiply: output positions × connections × k² (C3: 100 × 60 × 25 = 150,000).</summary>
    public long CountMacs(Tensor input, Tensor output) => output.numel() / _out * weight.shape[0] * _kernel * _kernel;

    public override Tensor forward(Tensor input)
    {
        using Tensor w = DenseWeight();
        return nn.functional.conv2d(input, w, bias);
    }
}
