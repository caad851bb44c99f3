using System.Globalization;
using System.Text.RegularExpressions;

namespace GongOperator.Configuration;

/// <summary>
/// Checks a label selector as the API server parses it (apimachinery's <c>labels.Parse</c>): comma-separated
/// requirements <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>,
/// <c>key notin (a,b)</c>, <c>key&gt;1</c>, <c>key&lt;1</c>. Checked at start, so a typo is one line and exit 2, not a
/// list/watch the server refuses again and again. It reads tokens as the server's lexer does, so what it refuses is
/// what the server refuses, and the message names the part that is wrong (key, operator or value) where it was found.
/// </summary>
public static partial class LabelSelectors
{
    private const string Operators = "in, notin, =, ==, !=, > or <";

    /// <summary>Returns null when <paramref name="selector"/> is valid, else a sentence saying what is wrong.</summary>
    public static string? Problem(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var reader = new Reader(selector);
        if (reader.Peek().Kind == TokenKind.End)
        {
            return null;
        }

        while (true)
        {
            var first = reader.Peek();
            if (first.Kind is not (TokenKind.Word or TokenKind.Not))
            {
                return $"found {first}, expected: '!' or a label key";
            }

            if (RequirementProblem(reader, selector) is { } problem)
            {
                return problem;
            }

            var next = reader.Next();
            if (next.Kind == TokenKind.End)
            {
                return null;
            }

            if (next.Kind != TokenKind.Comma)
            {
                return $"found {next}, expected: ',' or the end after '{selector[first.Start..next.Start].TrimEnd()}'";
            }

            if (reader.Peek() is { Kind: not (TokenKind.Word or TokenKind.Not) } afterComma)
            {
                return $"found {afterComma}, expected: '!' or a label key after ','";
            }
        }
    }

    private static string? RequirementProblem(Reader reader, string selector)
    {
        var start = reader.Peek().Start;
        var negated = reader.Peek().Kind == TokenKind.Not;
        if (negated)
        {
            reader.Next();
        }

        var key = reader.Next();
        if (key.Kind != TokenKind.Word)
        {
            return $"found {key}, expected: a label key after '!'";
        }

        if (KeyProblem(key.Text) is { } keyProblem)
        {
            return keyProblem;
        }

        if (negated || reader.Peek().Kind is TokenKind.End or TokenKind.Comma)
        {
            return null;
        }

        var op = reader.Next();
        var sofar = selector[start..reader.Peek().Start].TrimEnd();
        switch (op.Text)
        {
            case "in" or "notin" when op.Kind == TokenKind.Word:
                return SetProblem(reader, key.Text, sofar);
            case "=" or "==" or "!=" or ">" or "<":
                var value = reader.Peek();
                if (value.Kind is TokenKind.End or TokenKind.Comma)
                {
                    return op.Text is ">" or "<" ? $"found {value}, expected: a whole number after '{sofar}'" : null;
                }

                reader.Next();
                if (value.Kind != TokenKind.Word)
                {
                    return $"found {value}, expected: a label value after '{sofar}'";
                }

                return op.Text is ">" or "<" && !long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? $"'{value.Text}' after '{key.Text}{op.Text}' is not a whole number"
                    : ValueProblem(value.Text);
            default:
                return $"found {op}, expected: an operator ({Operators}) after the key '{key.Text}'";
        }
    }

    /// <summary>The <c>(a,b)</c> of <c>in</c>/<c>notin</c>: values may be empty (<c>()</c>, <c>(a,,b)</c>), as the server allows.</summary>
    private static string? SetProblem(Reader reader, string key, string sofar)
    {
        var open = reader.Next();
        if (open.Kind != TokenKind.Open)
        {
            return $"found {open}, expected: '(' after '{sofar}'";
        }

        var expectValue = true;
        while (true)
        {
            var token = reader.Next();
            switch (token.Kind)
            {
                case TokenKind.Close:
                    return null;
                case TokenKind.Comma:
                    expectValue = true;
                    continue;
                case TokenKind.Word when expectValue:
                    if (ValueProblem(token.Text) is { } problem)
                    {
                        return problem;
                    }

                    expectValue = false;
                    continue;
                default:
                    return $"found {token}, expected: {(expectValue ? "a label value, ',' or ')'" : "',' or ')'")} in the values of '{key}'";
            }
        }
    }

    private static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !Subdomain().IsMatch(prefix))
            {
                return $"'{key}' has a prefix that is not a DNS subdomain";
            }
        }

        return name.Length is > 0 and <= 63 && Name().IsMatch(name)
            ? null
            : $"'{key}' is not a label key (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, after an optional DNS-subdomain prefix and '/')";
    }

    private static string? ValueProblem(string value) =>
        value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value))
            ? null
            : $"'{value}' is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    private enum TokenKind
    {
        End,
        Word,
        Not,
        Operator,
        Comma,
        Open,
        Close,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Start)
    {
        public override string ToString() => Kind == TokenKind.End ? "the end" : $"'{Text}'";
    }

    /// <summary>
    /// The server's lexer: whitespace separates, each of <c>= ! ( ) , &gt; &lt;</c> ends a word, and a run of those
    /// symbols is cut into the longest operators it starts with (<c>a=(</c> is <c>a</c>, <c>=</c>, <c>(</c>).
    /// </summary>
    private sealed class Reader(string text)
    {
        private static readonly string[] Symbols = ["!=", "==", "=", "!", "(", ")", ",", ">", "<"];
        private int _position;
        private Token? _peeked;

        public Token Peek() => _peeked ??= Read();

        public Token Next()
        {
            var token = Peek();
            _peeked = null;
            return token;
        }

        private Token Read()
        {
            while (_position < text.Length && IsSpace(text[_position]))
            {
                _position++;
            }

            var start = _position;
            if (_position == text.Length)
            {
                return new Token(TokenKind.End, "", start);
            }

            if (IsSymbol(text[_position]))
            {
                var symbol = Symbols.First(s => text.AsSpan(_position).StartsWith(s, StringComparison.Ordinal));
                _position += symbol.Length;
                var kind = symbol switch { "!" => TokenKind.Not, "," => TokenKind.Comma, "(" => TokenKind.Open, ")" => TokenKind.Close, _ => TokenKind.Operator };
                return new Token(kind, symbol, start);
            }

            while (_position < text.Length && !IsSymbol(text[_position]) && !IsSpace(text[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Word, text[start.._position], start);
        }

        private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
    }
}
