using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tables;

/// <summary>The parser of <see cref="JsonPathExpression"/>: kubectl's JSONPath text into the steps the expression applies.</summary>
internal sealed partial class JsonPathExpression
{
    private sealed class Parser(string text)
    {
        private int _pos;

        public List<Step> ParseSteps(bool stopAtClose)
        {
            var steps = new List<Step>();
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (stopAtClose && (c == ')' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>'))
                {
                    break;
                }

                if (c == '$' || c == '@')
                {
                    _pos++;
                }
                else if (c == '.')
                {
                    _pos++;
                    if (_pos < text.Length && text[_pos] == '*')
                    {
                        _pos++;
                        steps.Add(new WildcardStep());
                    }
                    else if (_pos < text.Length && text[_pos] != '.' && text[_pos] != '[')
                    {
                        steps.Add(new FieldStep(ReadName()));
                    }
                }
                else if (c == '[')
                {
                    steps.Add(ReadBracket());
                }
                else
                {
                    // A leading name without a dot, e.g. "spec.x".
                    steps.Add(new FieldStep(ReadName()));
                }
            }

            return steps;
        }

        private string ReadName()
        {
            var sb = new StringBuilder();
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c == '\\' && _pos + 1 < text.Length)
                {
                    sb.Append(text[_pos + 1]);
                    _pos += 2;
                    continue;
                }

                if (c is '.' or '[' or ')' or ' ' or '=' or '!' or '<' or '>')
                {
                    break;
                }

                sb.Append(c);
                _pos++;
            }

            if (sb.Length == 0)
            {
                throw new FormatException($"JSONPath '{text}': empty field name at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            return sb.ToString();
        }

        private Step ReadBracket()
        {
            _pos++; // '['
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw new FormatException($"JSONPath '{text}': unterminated '['");
            }

            Step step;
            char c = text[_pos];
            if (c == '*')
            {
                _pos++;
                step = new WildcardStep();
            }
            else if (c is '\'' or '"')
            {
                step = new FieldStep(ReadQuoted());
            }
            else if (c == '?')
            {
                step = ReadFilter();
            }
            else
            {
                step = ReadSlice();
            }

            SkipSpaces();
            Expect(']');
            return step;
        }

        private FilterStep ReadFilter()
        {
            _pos++; // '?'
            Expect('(');
            SkipSpaces();
            List<Step> left = ParseSteps(stopAtClose: true);
            SkipSpaces();
            string? op = null;
            JsonNode? literal = null;
            if (_pos < text.Length && text[_pos] != ')')
            {
                int start = _pos;
                while (_pos < text.Length && text[_pos] is '=' or '!' or '<' or '>')
                {
                    _pos++;
                }

                op = text[start.._pos];
                if (op is not ("==" or "!=" or "<" or ">" or "<=" or ">="))
                {
                    throw new FormatException($"JSONPath '{text}': unsupported operator '{op}'");
                }

                SkipSpaces();
                literal = ReadLiteral();
                SkipSpaces();
            }

            Expect(')');
            return new FilterStep(left, op, literal);
        }

        private JsonNode? ReadLiteral()
        {
            if (_pos < text.Length && text[_pos] is '\'' or '"')
            {
                return JsonValue.Create(ReadQuoted());
            }

            int start = _pos;
            while (_pos < text.Length && text[_pos] != ')' && text[_pos] != ' ')
            {
                _pos++;
            }

            string raw = text[start.._pos];
            if (raw == "true" || raw == "false")
            {
                return JsonValue.Create(raw == "true");
            }

            if (raw == "null")
            {
                return null;
            }

            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                return JsonNode.Parse(raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase) ? d.ToString("R", CultureInfo.InvariantCulture) : raw);
            }

            throw new FormatException($"JSONPath '{text}': unsupported literal '{raw}'");
        }

        private SliceStep ReadSlice()
        {
            int? first = ReadInt();
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == ':')
            {
                _pos++;
                SkipSpaces();
                int? second = ReadInt();
                return new SliceStep(first, second, single: false);
            }

            if (first is null)
            {
                throw new FormatException($"JSONPath '{text}': expected an index at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            return new SliceStep(first, null, single: true);
        }

        private int? ReadInt()
        {
            int start = _pos;
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
            }

            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }

            return _pos == start ? null : int.Parse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        private string ReadQuoted()
        {
            char quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }

            Expect(quote);
            return sb.ToString();
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw new FormatException($"JSONPath '{text}': expected '{c}' at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            _pos++;
        }
    }
}
