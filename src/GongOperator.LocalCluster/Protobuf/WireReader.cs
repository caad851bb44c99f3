namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// Reads protobuf wire format straight from a span. Every read is bounds-checked and always
/// advances, so malformed input ends in <see cref="ProtobufDecodeException"/>, never a hang.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    public ulong ReadVarint()
    {
        ulong result = 0;
        // A varint has at most ten bytes (7 bits each for 64 bits).
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw ProtobufDecodeException.Malformed("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw ProtobufDecodeException.Malformed("varint longer than ten bytes");
    }

    public (int Number, WireType WireType) ReadTag()
    {
        var tag = ReadVarint();
        var number = tag >> 3;
        if (number == 0 || number > 536_870_911)
        {
            throw ProtobufDecodeException.Malformed($"invalid field number {number}");
        }

        var wireType = (WireType)(int)(tag & 7);
        if (wireType is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited
            or WireType.StartGroup or WireType.EndGroup or WireType.Fixed32))
        {
            throw ProtobufDecodeException.Malformed($"invalid wire type {(int)wireType} for field {number}");
        }

        return ((int)number, wireType);
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw ProtobufDecodeException.Malformed(
                $"length {length} runs past the end of the data ({_data.Length - _position} bytes left)");
        }

        var slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public void Skip(int number, WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                SkipBytes(8, number);
                break;
            case WireType.Fixed32:
                SkipBytes(4, number);
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            default:
                // Kubernetes messages never use groups; refusing them keeps skipping simple.
                throw ProtobufDecodeException.Malformed($"unsupported wire type {(int)wireType} for field {number}");
        }
    }

    private void SkipBytes(int count, int number)
    {
        if (_data.Length - _position < count)
        {
            throw ProtobufDecodeException.Malformed($"truncated fixed-width field {number}");
        }

        _position += count;
    }
}
