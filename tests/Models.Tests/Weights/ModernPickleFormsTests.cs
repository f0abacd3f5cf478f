using System.Buffers.Binary;
using ModelZoo.Models.Weights.PyTorch;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Pickle forms newer PyTorch releases (2.x) write, which PyTorch 1.13 cannot produce, crafted opcode by
/// opcode: untyped storages with <c>_rebuild_tensor_v3</c> (how unsigned 16/32/64-bit tensors are saved),
/// <c>_rebuild_from_type_v2</c>, <c>_rebuild_parameter_with_state</c> and an explicit little byteorder entry.</summary>
public sealed class ModernPickleFormsTests
{
    private static PickleBuilder UntypedV3(PickleBuilder p, string key, long nbytes, string dtype, long[] size)
    {
        p.Global("torch._utils", "_rebuild_tensor_v3").Mark();
        p.Mark().Str("storage").Global("torch", "UntypedStorage").Str(key).Str("cpu").Int(nbytes).Tuple().BinPersId();
        p.Int(0).Mark(); foreach (long s in size) p.Int(s); p.Tuple();
        p.Mark(); long stride = 1; var strides = new long[size.Length];
        for (int i = size.Length - 1; i >= 0; i--) { strides[i] = stride; stride *= size[i]; }
        foreach (long s in strides) p.Int(s); p.Tuple();
        return p.False().Global("collections", "OrderedDict").EmptyTuple().Reduce().Global("torch", dtype).Tuple().Reduce();
    }

    [Fact]
    public void Unsigned_tensors_saved_as_untyped_storages_are_widened_exactly()
    {
        var u16 = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(u16, 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(u16.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(u16.AsSpan(4), 40000);
        var u32 = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(u32, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(u32.AsSpan(4), 7);
        var p = new PickleBuilder().Proto(4).EmptyDict();
        p.Str("u16"); UntypedV3(p, "0", 6, "uint16", [3]).SetItem();
        p.Str("u32"); UntypedV3(p, "1", 8, "uint32", [2]).SetItem();
        p.Str("u8").Tensor("UntypedStorage", "2", 2, 0, [2], [1]).SetItem();
        byte[] zip = PickleBuilder.Zip(p.Stop().ToArray(), new Dictionary<string, byte[]> { ["0"] = u16, ["1"] = u32, ["2"] = [200, 3] }, byteorder: "little");

        using var checkpoint = PyTorchCheckpoint.Load(new MemoryStream(zip), "unsigned.pth");
        var state = checkpoint.StateDict();
        Assert.Equal(ScalarType.Int32, state["u16"].dtype);
        Assert.Equal(new[] { 65535, 1, 40000 }, state["u16"].data<int>().ToArray());
        Assert.Equal(ScalarType.Int64, state["u32"].dtype);
        Assert.Equal(new[] { 4294967295L, 7L }, state["u32"].data<long>().ToArray());
        Assert.Equal(ScalarType.Byte, state["u8"].dtype);
        Assert.Equal(new byte[] { 200, 3 }, state["u8"].data<byte>().ToArray());
    }

    [Fact]
    public void Rebuild_from_type_and_parameter_with_state_unwrap_to_plain_tensors()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict();
        // {"t": _rebuild_from_type_v2(_rebuild_tensor_v2, torch.Tensor, (storage, 0, (2,), (1,), False, OrderedDict()), {})}
        p.Str("t").Global("torch._tensor", "_rebuild_from_type_v2").Mark().Global("torch._utils", "_rebuild_tensor_v2").Global("torch", "Tensor").Mark();
        p.Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(2).Tuple().BinPersId();
        p.Int(0).Mark().Int(2).Tuple().Mark().Int(1).Tuple().False().Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple();
        p.EmptyDict().Tuple().Reduce().SetItem();
        // {"w": _rebuild_parameter_with_state(<tensor>, True, OrderedDict(), {})}
        p.Str("w").Global("torch._utils", "_rebuild_parameter_with_state").Mark().Tensor("FloatStorage", "0", 2, 1, [1], [1]);
        p.Op(0x88).Global("collections", "OrderedDict").EmptyTuple().Reduce().EmptyDict().Tuple().Reduce().SetItem();
        byte[] zip = PickleBuilder.Zip(p.Stop().ToArray(), new Dictionary<string, byte[]> { ["0"] = PickleBuilder.Floats(5, 6) });

        using var checkpoint = PyTorchCheckpoint.Load(new MemoryStream(zip), "modern.pth");
        var state = checkpoint.StateDict();
        Assert.Equal(new[] { 5f, 6f }, state["t"].data<float>().ToArray());
        Assert.False(state["t"].requires_grad);
        Assert.Equal(new[] { 6f }, state["w"].data<float>().ToArray());
        Assert.True(state["w"].requires_grad);
    }
}
