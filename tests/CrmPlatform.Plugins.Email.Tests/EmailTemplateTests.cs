using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Plugins.Email.Tests;

public sealed class EmailTemplateTests
{
    [Theory]
    [InlineData("Hello {{firstName}}, {{ attr.plan }} {{var.code}}", null)]
    [InlineData("Hello {{first_name}}", "{{first_name}}")]
    [InlineData("Hello {{firstName}", "{{firstName}")]
    [InlineData("Hello {{attr.}}", "{{attr.}}")]
    [InlineData("Hello {{ }}", "{{ }}")]
    public void FindMalformed_Text_NamesTheFirstBadPlaceholder(string text, string? expected)
    {
        Assert.Equal(expected, TemplateText.FindMalformed(text));
    }

    [Fact]
    public void Render_Html_EncodesValuesButNotTheTemplate()
    {
        var rendered = TemplateText.Render("<b>{{var.x}}</b>", _ => "<i>&\"</i>", html: true);

        Assert.Equal("<b>&lt;i&gt;&amp;&quot;&lt;/i&gt;</b>", rendered);
    }

    [Fact]
    public void Validate_NoBody_NamesTextBody()
    {
        var results = Validate(new EmailTemplate { Name = "t", Subject = "s" });

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(EmailTemplate.TextBody)));
    }

    [Fact]
    public void Validate_UnknownPlaceholderInHtml_NamesHtmlBodyAndThePlaceholder()
    {
        var result = Assert.Single(Validate(new EmailTemplate { Name = "t", Subject = "s", HtmlBody = "<p>{{shoeSize}}</p>" }));

        Assert.Equal([nameof(EmailTemplate.HtmlBody)], result.MemberNames);
        Assert.Contains("{{shoeSize}}", result.ErrorMessage);
    }

    [Fact]
    public void HtmlText_ListItemsAndBreaks_BecomeLinesAndParagraphsBlankLines()
    {
        Assert.Equal("One\nTwo\n\nThree\n& four", HtmlText.ToText("<ul><li>One</li><li>Two</li></ul>Three<br>&amp; four"));
    }

    private static List<ValidationResult> Validate(EmailTemplate template)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(template, new ValidationContext(template), results, validateAllProperties: true);
        return results;
    }
}
