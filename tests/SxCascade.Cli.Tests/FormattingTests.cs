namespace SxCascade.Cli.Tests;

/// <summary>Number formats and the column alignment of the summary.</summary>
public sealed class FormattingTests
{
    [Theory]
    [InlineData(0.2544, "0.2544")]
    [InlineData(43.1, "43.10")]
    [InlineData(225.2, "225.2")]
    [InlineData(1234.6, "1235")]
    [InlineData(8.052e-4, "8.052e-04")]
    [InlineData(2.5e6, "2.500e+06")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "-")]
    public void Value_has_four_significant_digits(double value, string expected) =>
        Assert.Equal(expected, NumberFormat.Value(value));

    [Theory]
    [InlineData(0.2544, "25.440")]
    [InlineData(0.98653, "98.653")]
    [InlineData(0.9997, "99.970")]
    [InlineData(0.9999995, "99.999950")]    // 100 - p = 5e-5 %: 5 decimals reach it, one more shows its digit
    [InlineData(1 - 2.9e-14, "100 - 2.9e-12")] // beyond six decimals: the distance itself
    [InlineData(1.0, "100.000")]
    [InlineData(1.2e-6, "1.2e-04")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "-")]
    public void Percent_shows_the_distance_from_100(double fraction, string expected) =>
        Assert.Equal(expected, NumberFormat.Percent(fraction));

    [Theory]
    [InlineData(1.234e-3, "1.2e-03")]
    [InlineData(3.2e-15, "3.2e-15")]
    [InlineData(0.0, "0")]
    public void Small_numbers_as_residuals_are_read(double value, string expected) =>
        Assert.Equal(expected, NumberFormat.Small(value));

    [Fact]
    public void Table_pads_columns_and_right_aligns_numbers()
    {
        var table = new TextTable("name", ">flow [L/h]");
        table.Add("raffinate", "43.10");
        table.Add("strip-liquor", "6.000");
        var w = new StringWriter { NewLine = "\n" };

        table.Write(w, "  ");

        Assert.Equal(
            "  name          flow [L/h]\n" +
            "  raffinate          43.10\n" +
            "  strip-liquor       6.000\n", w.ToString());
    }
}
